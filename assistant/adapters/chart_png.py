"""Small line charts as PNG bytes (matplotlib, Agg backend): the only module that imports matplotlib."""

from __future__ import annotations

import io

from assistant.services.drafting.types import ChartSpec


def render_chart(spec: ChartSpec, width_in: float = 6.0, height_in: float = 2.6, dpi: int = 150) -> bytes:
    """A PNG of the spec's lines (German decimal commas on the axis); no window, no global state left behind."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    figure = Figure(figsize=(width_in, height_in), dpi=dpi)
    axes = figure.add_subplot(1, 1, 1)
    for label, points in spec.lines:
        if not points:
            continue
        years, values = zip(*points, strict=True)
        axes.plot(years, values, marker="o", linewidth=1.5, markersize=3, label=label[:45])
    axes.set_title(spec.title, fontsize=9)
    axes.set_ylabel(spec.unit, fontsize=8)
    axes.tick_params(labelsize=7)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}".replace(".", ",")))
    axes.grid(True, linewidth=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, loc="best")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
