"""Sign-in with the identity provider for the UI (and any browser): /auth/login, /auth/callback, /auth/logout, /auth/me.

Only mounted with settings.oidc.enabled. The session lives on the server; the browser gets an HttpOnly,
SameSite=Lax cookie holding its random id. Signing out revokes the session (and with it its signed file links).
It takes POST only: the Lax cookie is not sent with a cross-site POST, so no other page can sign a user out
with a link or an image (logout CSRF).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from assistant.api.auth import SESSION_COOKIE, Caller, current_caller
from assistant.api.errors import error_responses
from assistant.api.schemas import WhoAmI
from assistant.core.errors import SignInError
from assistant.services.sign_in import SignInService

router = APIRouter(prefix="/auth", tags=["Anmeldung"])


def get_sign_in(request: Request) -> SignInService:
    return request.app.state.sign_in


def _secure(request: Request, sign_in: SignInService) -> bool:
    configured = sign_in.settings.cookie_secure
    return request.url.scheme == "https" if configured is None else configured


@router.get("/login", summary="Anmelden beim Identity Provider (Weiterleitung)", response_class=RedirectResponse, status_code=302)
def login(request: Request, next: str = "/", sign_in: SignInService = Depends(get_sign_in)) -> RedirectResponse:  # noqa: A002
    return RedirectResponse(sign_in.begin(str(request.url_for("callback")), next), status_code=302)


@router.get("/callback", summary="Rückkehr vom Identity Provider", response_class=RedirectResponse, status_code=302,
            responses=error_responses(401, 403, 503))
def callback(request: Request, state: str = "", code: str = "", error: str = "",
             sign_in: SignInService = Depends(get_sign_in)) -> RedirectResponse:
    if error:
        raise SignInError(error[:100])
    session, login_request = sign_in.finish(state, code)
    identity = session.identity
    request.state.caller = Caller(name=identity.name, level=identity.level, authenticated=True, subject=identity.subject,
                                  session_id=session.session_id)
    response = RedirectResponse(login_request.next_path, status_code=302)
    response.set_cookie(SESSION_COOKIE, session.session_id, max_age=int(sign_in.settings.session_hours * 3600), path="/",
                        httponly=True, samesite="lax", secure=_secure(request, sign_in))
    return response


@router.post("/logout", summary="Abmelden (Sitzung und ihre Links werden ungültig)", response_class=RedirectResponse,
             status_code=302)
def logout(request: Request, sign_in: SignInService = Depends(get_sign_in)) -> RedirectResponse:
    session_id = request.cookies.get(SESSION_COOKIE, "")
    if sign_in.sessions.active(session_id):
        request.state.caller = request.app.state.authenticator.session_caller(session_id)
    target = sign_in.end(session_id, str(request.base_url))
    response = RedirectResponse(target, status_code=302)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request, sign_in))
    return response


@router.get("/me", response_model=WhoAmI, summary="Wer bin ich (Name, Stufe)", responses=error_responses(401, 403))
def me(caller: Caller = Depends(current_caller)) -> WhoAmI:
    return WhoAmI(name=caller.name, level=caller.level, subject=caller.subject, signed_in=bool(caller.session_id))
