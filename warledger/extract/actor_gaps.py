"""The constructions between and around actor mentions that :mod:`warledger.extract.actors` reads: the gap that
joins a named group to a generic word ("IS gunmen"), what makes a mention an associate ("backed by C", "C-backed"),
an umbrella ("operating under OPS"), a target ("on IS positions"), a weapon's owner ("Russian warplanes"), two
sides that fought each other ("X and Y clashed").  Patterns of English syntax, not names: the names are the theatre
bundles' ``actors.tsv``.  Each is bounded to one paragraph (:func:`warledger.extract.segment.bound_to_paragraph`).
"""
from __future__ import annotations

import re

from warledger.extract.scanner import guarded
from warledger.extract.segment import PARAGRAPH_BREAK, bound_to_paragraph

# A named actor right before a generic word ("IS gunmen", "regime soldiers") absorbs it.
# A verb between them ends the first side's phrase: "the RSF attacked army positions", "KIA fighters attacked the army",
# "the Arakan Army fought military troops" name two sides (the generic word is the other side), not one
_GAP_VERB = (r"(?:[a-z]+(?<!arm)(?<!back)(?<!affiliat)(?<!link)(?<!alli)(?<!align)(?<!suspect)(?<!alleg)(?<!train)"
             r"(?<!mask)(?<!uniform)(?<!bas)(?<!unidentifi)(?<!led)ed|fought|fights?|had|has|have|is|are|was|were|"
             r"including|hit|hits|struck|shot|overran|took|seized|attacks?|ambush(?:es)?|raids?|clash(?:es)?)")
JOIN_GAP = bound_to_paragraph(re.compile(r"^[\s'’\"“”]*(?:s\s+|’s\s+|'s\s+)?(?:(?!(?:and|or|against|with|between|by|on|of|in|at|to|from|"
                       r"the|a|an|versus|vs|while|after|as|" + _GAP_VERB + r")\b)[-\w]+\s+){0,2}$", re.IGNORECASE))
ASSOC_BEFORE = guarded(bound_to_paragraph(re.compile(
    r"(?:backed|supported|assisted|aided|accompanied|joined|covered|helped|reinforced)\s+by\s+"
    r"(?:(?!(?:(?!suspected|alleged|reported|presumed)\w+ed|fought|took|hit|struck|shot|launched|attack\w*|clash\w*|against|with|on|in|at|"
    r"while|then|before|after)\b)[-\w’']+,?\s+){0,4}$"
    r"|(?:support|backing|cover|help|participation|assistance)\s+(?:of|from)\s+(?:the\s+)?$"
    r"|(?:alongside|along\s+with|together\s+with|in\s+cooperation\s+with|in\s+coordination\s+with)\s+(?:the\s+)?$"
    r"|(?:and\s+)?(?:allied|affiliated|loyal)\s+(?:to|with)\s+(?:the\s+)?$"
    r"|\b(?:and\s+(?:its|their)\s+)(?:allies\s+)?$",
    re.IGNORECASE)))
MEMBERS_BEFORE = bound_to_paragraph(re.compile(r"\b(?:comprised|composed|consisting|made\s+up)\s+(?:mainly\s+|mostly\s+)?of\s+(?:the\s+)?$",
                             re.IGNORECASE))
ASSOC_AFTER = bound_to_paragraph(re.compile(r"^-(?:backed|supported|affiliated|allied|loyal|linked|aligned)\b|"
                          r"^\s+(?:air|aerial)\s+(?:support|cover|coverage)\b", re.IGNORECASE))
# "JWS operating under OPS", "20th Division which operates under the Syrian Liberation Front": ACLED names
# the umbrella.
UMBRELLA_GAP = bound_to_paragraph(re.compile(r"^[\s,]*(?:(?:positions?|members?|fighters?|forces|units?|factions?|militiam[ae]n)[\s,]+)?(?:(?:who|whom|which|that)\s+)?(?:(?:is|are|were|was)\s+)?(?:(?:operat\w*|work\w*|fight\w*|active)\s+under|affiliated\s+(?:to|with))\s+(?:the\s+)?(?:umbrella\s+of\s+(?:the\s+)?)?(?:command\s+of\s+(?:the\s+)?)?$",
                           re.IGNORECASE))
# "opposition rebels under OPS": only an operation's name after a bare "under" (not "under regime control")
PRO_TAIL = re.compile(r"\bpro-?\s*[\w-]+\s+$", re.IGNORECASE)  # "... and pro-Turkey rebels": the patron named
SET_OFF = re.compile(r",|\b(?:who|which)\b", re.IGNORECASE)  # "A and B, operating under C": C names A and B
SUPPORTED_GAP = re.compile(r"^\s*(?:supported|backed|assisted|joined)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
UNDER_GAP = bound_to_paragraph(re.compile(r"^[\s,]*(?:(?:forces|fighters|factions|groups?)\s+)?under\s+(?:the\s+)?$", re.IGNORECASE))
# generic descriptions that, right after a named group, describe it ("Olive Branch rebel factions")
DESCRIPTORS = frozenset({"Opposition Rebels ({country})", "Islamist Militia ({country})"})
BARE_GROUP = guarded(re.compile(r"(?:factions?|rebels?|fighters?|groups?|forces|members?|militants?|jihadists|islamists|militiam[ae]n)$", re.IGNORECASE))
# "unknown gunmen believed to be IS members", "gunmen on a motorbike believed to be IS members": the named group.
# "gunmen of the Gran Grif gang", "fighters from the armed wing of FRUD", "men belonging to the Arakan Army": the
# generic word names the named group's members (ACLED codes the group), as "IS gunmen" does (JOIN_GAP)
MEMBERS_OF_GAP = bound_to_paragraph(re.compile(r"^\s+(?:(?:who\s+(?:are|were|is|was)\s+)?(?:(?:believed|thought|suspected|said|"
                                              r"reported)\s+to\s+)?(?:belong(?:ing|ed|s)?\s+to|of|from|loyal\s+to)\s+)"
                                              r"(?:the\s+)?(?:armed\s+wing\s+of\s+(?:the\s+)?)?$", re.IGNORECASE))
BELIEVED_GAP = bound_to_paragraph(re.compile(r"^[\s,]*(?:(?:on|in|riding|driving|aboard)\s+(?:an?\s+|the\s+|two\s+)?[-\w]+\s+){0,2}"
                           r"(?:(?:who\s+(?:are|were|is|was)\s+)?(?:believed|thought|suspected|said|reported|"
                           r"presumed|likely)\s+(?:to\s+be\s+)?|(?:likely|probably|possibly|reportedly)\s+|"
                           r"(?:affiliated|linked)\s+(?:to|with)\s+)(?:from\s+)?(?:the\s+)?(?:an?\s+)?$",
                           re.IGNORECASE))
BY_BEFORE = bound_to_paragraph(re.compile(r"\b(?:by|from)\s+(?:the\s+)?(?:(?:\w+\s+){0,2})$", re.IGNORECASE))
WEAPON_AFTER = bound_to_paragraph(re.compile(
    r"(?:\s*(?:’s|'s|s'|’|')?\s*(?:[“\"”]?[-\w]+[”\"]?(?:’s|'s)?\s+){0,2}?)"
    r"(?:war)?(?:planes?|jets?|aircraft|aviation|air\s*force|air\s*strikes?|air\s*raids?|raids?|drones?|(?-i:UAVs?)|"
    r"helicopters?|choppers?|bombardment|bombing|shelling|shells|artillery|missiles?|rockets?|strikes?|"
    r"barrel\s+bombs?|mortars?|attacks?|aggression|fire|قصف|غارات?|طيران|صواريخ|مدفعية)", re.IGNORECASE))
# "X and Y clashed" / "X and Y exchanged shelling": two sides, unless "... with Z" follows.
RECIPROCAL = guarded(bound_to_paragraph(re.compile(r"\s*(?:forces|members|fighters|factions|militants|troops|cartels?|gangs?|militias?|militiamen|rebels)?\s*(?:have\s+|had\s+)?(?:\w+ly\s+)?"
                         r"(?:clash\w*|exchang\w*|engag\w*|fought|battl\w*|skirmish\w*)"
                         r"(?![^.]{0,40}\b(?:with(?!\s+(?:no|neither|unknown|heavy|light|medium|machine|mortars?)\b)|against)\b)",
                         re.IGNORECASE)))
AIR_OWNER = bound_to_paragraph(re.compile(r"\s*(?:’s|'s)?\s*(?:[-\w]+\s+)?(?:war)?(?:planes?|jets|aircraft|aviation|air\s*strikes?|"
                        r"helicopters?|drones?|air\s+(?:support|cover|coverage))\b", re.IGNORECASE))
BETWEEN = re.compile(r"\b(?:between|among|amongst)\b", re.IGNORECASE)
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
AGAINST = re.compile(r"\bagainst\b", re.IGNORECASE)
SENT_END = re.compile(r"[.!?]\s+(?=[A-Z])|" + PARAGRAPH_BREAK)  # a blank line ends a sentence too
AMID_BEFORE = re.compile(r"\bamid\s+(?:the\s+)?$", re.IGNORECASE)  # "... amid regime helicopters dropping ..."
AMID = bound_to_paragraph(re.compile(r"\b(?:amid|amidst|accompanied\s+by|coinciding\s+with|along\s+with)\b", re.IGNORECASE))
COORD = bound_to_paragraph(re.compile(r"^\s*(?:’s|'s|”|\")*\s*(?:(?:forces|troops|fighters|members|militants|soldiers|militias?|factions|"
                    r"(?:war)?planes|jets|aircraft|helicopters|drones|artillery)\s*)?(?:,\s*|and\s+|&\s*|as\s+well\s+as\s+|along\s+with\s+|together\s+with\s+)(?:the\s+|its\s+|their\s+)?$",
                    re.IGNORECASE))
TARGET_BEFORE = guarded(bound_to_paragraph(re.compile(
    r"\b(?:on|at|against|targeting|targeted|target|toward|towards|of|hit|struck|killing|killed|injuring|wounding|"
    r"ambushed|attacked|shot|abducted|kidnapped|arrested|detained)\s+(?:the\s+|a\s+|an\s+|\d+\s+|two\s+|three\s+)?"
    r"(?:(?:positions?|points?|posts?|vehicles?|cars?|convoys?|patrols?|members?|fighters?|elements?|sites?|"
    r"bases?|headquarters|checkpoints?|gatherings?|areas?|held|controlled)\s+(?:of\s+(?:the\s+)?)?)?$"
    r"|\b(?:counter|anti)-$|\b(?:fight|war|campaign)\s+(?:to|against|on)\s+(?:the\s+)?$"
    # "a building held by IS", "villages controlled by HTS": the holder of the target, not the attacker
    r"|\b(?:held|controlled|run|dominated|occupied|besieged|administered|governed)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE)))
VICTIM_WORDS = guarded(re.compile(r"\b(?:killed|killing|kills?|injured|injuring|wounded|wounding|died|dead|death|martyred|"
                           r"casualties|victims?|massacre)\b", re.IGNORECASE))

# A monitor's note says how it coded a side: "anti-Houthi forces (coded as A + B)" names the side A and B its partner;
# "pro-Hadi forces and affiliates (coded as B)" names the partners B of the side written before "and".  ACLED's
# codebook keeps such partners as associate actors ("assoc_actor_1"), never as the other side.
_CODED_OPEN = re.compile(r"\(\s*(?:coded|recorded|counted)\s+as\s+(?:the\s+)?", re.IGNORECASE)
_CODED_SECOND = re.compile(r"\+|&|\band\b|,")
_AND_PARTNERS = re.compile(r"\band\s+(?:[-\w’']+\s+){0,2}[\s'’\"”]*$", re.IGNORECASE)


def coded_partner(text: str, lo: int, start: int) -> bool:
    """Whether the mention at ``start`` is a partner named in a monitor's "(coded as ...)" (see above)."""
    opened = text.rfind("(", max(lo, start - 120), start)
    if opened < 0 or ")" in text[opened:start]:
        return False
    head = _CODED_OPEN.match(text, opened)
    if head is None:
        return False
    if _CODED_SECOND.search(text, head.end(), start):
        return True  # "(coded as A + B)": B
    return _AND_PARTNERS.search(text, max(lo, opened - 40), opened) is not None  # "A and affiliates (coded as B)"


# A mob's victims are civilians (ACLED's codebook: mob violence is a crowd's violence against people or property), unless
# the words just before the armed side it names make that side its object ("stoned the police", "attacked a gendarmerie
# post"); police who only "arrived" or "detained the attackers" are no side of it.
MOB_ON = re.compile(r"\b(?:attack(?:ed|ing)|storm(?:ed|ing)|ston(?:ed|ing)|pelt(?:ed|ing)|beat(?:en|ing)?|assault(?:ed|ing)|"
                    r"lynch(?:ed|ing)|burn(?:ed|t|ing)|torch(?:ed|ing)|set\s+fire\s+to|clash(?:ed|ing)?\s+with|fought(?:\s+with)?|"
                    r"(?:threw|hurled)\s+(?:\w+\s+){0,2}at)\s+(?:the\s+|a\s+|an\s+|two\s+|several\s+)?(?:[-\w]+\s+)?$",
                    re.IGNORECASE)


# Who set off an explosive device: a side named as its subject ("IS militants reportedly planted an IED", "the
# Houthis detonated a landmine"), as the owner of the device ("an IS IED") or as the agent of a passive ("planted by
# IS").  A side a note names in none of these ways ("an IED exploded when QSD passed", "a soldier was killed by an
# IED", "an explosion in a Turkish base") was hit.
PLANTER_AFTER = bound_to_paragraph(re.compile(
    r"[\s’'s]*(?:(?!(?:was|were|is|are|been|being|who|which|that|by)\b)[-\w’',]+\s+){0,4}?"
    r"(?:plant(?:ed|ing|s)?|plac(?:ed|ing|es)|detonat(?:ed|ing|es)|blew\s+up|blow(?:ing|s)?\s+up|set(?:ting|s)?\s+off|"
    r"rigg(?:ed|ing)|booby-?trapp(?:ed|ing)|mined|laid|lay(?:ing|s)?|bomb(?:ed|ing)|target(?:ed|ing|s)?|attack(?:ed|ing|s)?|"
    r"us(?:ed|ing|es)|launch(?:ed|ing|es)|threw|throw(?:ing|s)?|hurl(?:ed|ing|s)?|claim(?:ed|ing|s)?|carri(?:ed|es)\s+out|"
    r"conduct(?:ed|ing|s)?|struck|strik(?:es|ing)|shell(?:ed|ing|s)|fir(?:ed|ing)|(?-i:V?IEDs?)|(?:land)?mines?|explosives?|bombs?|grenades?|devices?)\b", re.IGNORECASE))
# ... or as the one suspected or blamed ("JNIM is suspected", "the rebels were blamed").
SUSPECT_AFTER = bound_to_paragraph(re.compile(
    r"[\s’'s]*(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:\w+\s+)?(?:suspected|blamed|accused|believed|thought|"
    r"held\s+responsible|presumed)\b", re.IGNORECASE))

# A weapon stopped in flight ("air defences shot down two drones", "Interception: ..."): someone fired it.
INTERCEPTED = guarded(re.compile(r"\b(?:intercept(?:ed|ing|ion|s)?|shot\s+down|shooting\s+down|downed|air\s+defen[cs]es?)\b",
                                 re.IGNORECASE))

