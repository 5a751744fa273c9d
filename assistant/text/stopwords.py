"""German stopwords (Snowball's list plus question words), already folded (ae/oe/ue/ss).

Question words and fillers ("welche", "gibt", "bitte") carry no topic; removing them keeps BM25 and the
sentence scoring from matching the question's grammar instead of its content.
"""

from __future__ import annotations

from assistant.text.normalize import fold

_SNOWBALL = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr anders
auch auf aus bei bin bis bist da damit dann der den des dem die das dass daß du dasselbe dazu dein deine deinem deinen
deiner deines denn derer dessen dich dir dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer
eines einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins
ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können
könnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mit muss musste nach
nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche
solchem solchen solcher solches soll sollte sondern sonst über um und uns unsere unserem unseren unser unseres unter viel
vom von vor während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie
wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
"""

_QUESTION = """
wer wen wem wessen warum weshalb wieso wann wohin woher womit wofür worum worüber welchen gibt gab geben gegeben bitte
denn eigentlich genau mal sagen nennen zeige zeigen liste listen auflisten dokumente dokumenten dokument steht stehen
finde finden findet kannst können könnten erkläre erklären beschreibe beschreiben darin dabei davon
"""

#: Folded stopwords for the analyzer (city names are not here: their low IDF in the corpus already weighs them down).
GERMAN_STOPWORDS: frozenset[str] = frozenset(fold(word) for word in (_SNOWBALL + _QUESTION).split())

#: Only the grammatical ones, for sentence splitting decisions and for telling content words from grammar.
GRAMMAR_STOPWORDS: frozenset[str] = frozenset(fold(word) for word in _SNOWBALL.split())
