"""The word sets the extraction rules read: lemmas and lower-cased words, by the part they play.

Each set says which words play one part in a construction ("the Balkan country" refers back
through STATE_NOUNS; "ordered an operation" is no order through POLYSEMOUS_VERBS). The
trigger words themselves are data (extract/data/triggers.csv, read by lexicon.py); the
status and modality words are in status.py. Two maps sit with the sets: the categories an
anaphoric noun can stand for, and the prepositions that name the weapon of a request.
"""

from __future__ import annotations

# --- pronouns ---------------------------------------------------------------------------

PRONOUNS_SINGULAR = frozenset({"it", "its", "he", "his", "she", "her"})

PRONOUNS_PLURAL = frozenset({"they", "their", "them", "we", "our", "us"})

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})


# --- nouns that name or describe a party ------------------------------------------------

# Nouns that, with "the", refer back to a state already named ("the Balkan country").
STATE_NOUNS = frozenset(
    {
        "country",
        "nation",
        "state",
        "kingdom",
        "republic",
        "emirate",
        "sultanate",
        "principality",
        "sheikdom",
        "sheikhdom",
        "government",
        "regime",
        "administration",
        "monarchy",
        "island",
    }
)

# "the army", "the air force": a state's own forces, named by the state before them
FORCE_NOUNS = frozenset({"army", "navy", "military", "ministry", "force", "forces"})

# Nouns of a state's own organs: a state adjective on one of them names an actor
# ("Indonesian officials", "the Turkish defence ministry"), on any other noun it does not
# ("Kuwaiti tankers", "a Swiss bank account")
ORGAN_NOUNS = frozenset(
    {
        "government", "administration", "regime", "junta", "cabinet", "parliament",
        "ministry", "minister", "official", "authority", "president", "leader", "army",
        "navy", "military", "force", "forces", "troop", "agency", "department", "delegation",
        "diplomat", "spokesman", "spokeswoman", "spokesperson", "side", "state", "media",
        "envoy", "embassy", "command", "commander",
    }
)

# Nouns of a party's partners: a state adjective on one names the party ("our Syrian
# friends", "its Saudi customers")
ALLY_NOUNS = frozenset(
    {"friend", "ally", "partner", "customer", "client", "counterpart", "buyer", "neighbour"}
)

# Heads whose "of" names the party itself: "the leaders of Turkey and Serbia", "the
# government of Iran"; "critics of the decision" names nobody.
PARTY_HEAD_NOUNS = frozenset(
    {
        "leader",
        "government",
        "force",
        "forces",
        "army",
        "navy",
        "military",
        "ministry",
        "minister",
        "official",
        "authority",
        "president",
        "regime",
        "administration",
        "state",
        "country",
        "nation",
        "delegation",
        "troop",
        "parliament",
        "king",
        "kingdom",
        "republic",
        "head",
        "chief",
        "people",
        "side",
        "member",
        "ally",
        "part",
        "unit",
        "division",
        "department",
        "agency",
        "embassy",
        "office",
        "service",
        "corps",
        "command",
        "group",
        "consortium",
        "company",
        "subsidiary",
        "firm",
        "maker",
        "manufacturer",
        "industry",
        "venture",
        "partnership",
        "alliance",
        "coalition",
        "programme",
        "program",
        "project",
        "help",
        "assistance",
        "support",
        "cooperation",
        "co-operation",
        "collaboration",
        "backing",
        "aid",
        "expertise",
        "technology",
        "know-how",
        "design",
        "licence",
        "license",
    }
)

# "the company", "the firm": a manufacturer named before
COMPANY_NOUNS = frozenset(
    {"company", "firm", "manufacturer", "contractor", "maker", "corporation", "concern"}
)

# "the group", "the militia": an armed group named before
GROUP_NOUNS = frozenset(
    {
        "group",
        "militia",
        "movement",
        "rebel",
        "faction",
        "organisation",
        "organization",
        "insurgent",
        "guerrilla",
        "militant",
        "jihadist",
    }
)

CURRENCY_NOUNS = frozenset(
    {
        "crown",
        "krona",
        "krone",
        "dollar",
        "euro",
        "pound",
        "franc",
        "mark",
        "yen",
        "rupee",
        "won",
        "lira",
        "riyal",
        "dinar",
        "peso",
        "rouble",
        "ruble",
        "shekel",
        "yuan",
        "dirham",
        "real",
        "rand",
    }
)

SPONSOR_WORDS = frozenset(
    {
        "backed",
        "led",
        "allied",
        "aligned",
        "sponsored",
        "supported",
        "funded",
        "trained",
        "armed",
        "based",
        "controlled",
        "held",
    }
)


# --- weapons and what holds them --------------------------------------------------------

# Trigger verbs with everyday senses ("ordered an operation", "delivered a speech",
# "provided air cover"): their object itself must be the weapon or hold it.
POLYSEMOUS_VERBS = frozenset(
    {
        "order",
        "deliver",
        "provide",
        "give",
        "field",
        "send",
        "get",
        "hand",
        "receive",
        "operate",
        "ship",
    }
)

# Words that name a part of what an "of" phrase holds: "the first of the tanks"
PARTITIVE_HEADS = frozenset(
    {
        "first", "second", "third", "fourth", "fifth", "last", "final", "half", "most",
        "some", "all", "many", "several", "majority", "bulk", "portion", "share", "much",
    }
)

# Heads a verb may take as its object when the weapon sits below them: "ordered 13 of the
# drones", "a batch of 20 helicopters", "the first shipment of F-16s".
CONTAINER_NOUNS = frozenset(
    {
        "batch",
        "shipment",
        "consignment",
        "package",
        "squadron",
        "fleet",
        "number",
        "pair",
        "set",
        "unit",
        "system",
        "battery",
        "lot",
        "tranche",
        "order",
        "contract",
        "deal",
        "delivery",
        "kind",
        "type",
        "version",
        "variant",
        "model",
        "rest",
        "remainder",
        "part",
        "stock",
        "stockpile",
        "supply",
        "quantity",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "score",
        "total",
        # military units named by what they hold: "a company of 14 Leopard 2A6 tanks"
        "company",
        "battalion",
        "brigade",
        "regiment",
        "platoon",
        "flotilla",
        "flight",
        "wing",
        # loads and carriers: "1,000 containers of munitions", "112 pallets of ammunition"
        "container",
        "pallet",
        "crate",
        "box",
        "load",
        "truckload",
        "planeload",
        "shipload",
        "cargo",
        "convoy",
        "tonne",
        "ton",
        "round",
        # collections: "a fresh batch of aircraft", "an array of air defence systems"
        "array",
        "range",
        "mix",
        "assortment",
        "arsenal",
        "inventory",
        "host",
        "series",
        "amount",
        "volume",
        "quantities",
    }
)

# Plain nouns that name again a system told before ("the ships", "12 of the type", "one
# more battery"): words too wide to be weapon mentions of their own.
ANAPHORIC_NOUNS = frozenset({
    "system", "aircraft", "vessel", "unit", "platform", "plane", "ship", "boat", "gun",
    "battery", "launcher", "type", "model", "variant",
})
# Words before such a noun that make it name one told before ("the aircraft", "those
# launchers", "several batteries"); a number does too ("12 aircraft").
ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those", "all", "several"})
# Nouns whose plural is the singular ("24 aircraft"), as the sentence filter spells them.
UNCHANGED_PLURALS = frozenset({"aircraft"})

# The categories an anaphoric noun can stand for; a noun not listed stands for any.
ANAPHORIC_NOUN_CATEGORIES = {
    "aircraft": frozenset({"aircraft", "helicopter", "uav"}),
    "plane": frozenset({"aircraft"}),
    "vessel": frozenset({"ship", "submarine"}),
    "ship": frozenset({"ship", "submarine"}),
    "boat": frozenset({"ship", "submarine"}),
    "gun": frozenset({"artillery"}),
    "battery": frozenset({"air defence", "artillery"}),
    "launcher": frozenset({"air defence", "artillery", "missile"}),
}

# Nouns of a transfer that "the"/"that" can point back with: "approved that sale".
EVENT_NOUNS = frozenset({"purchase", "sale", "acquisition", "deal", "contract", "order"})

# Nouns whose "for" names what is bought: "an order for 12 jets", "a contract for missiles".
ORDER_NOUNS = frozenset(
    {
        "order",
        "contract",
        "deal",
        "request",
        "bid",
        "tender",
        "agreement",
        "requirement",
        "competition",
        "offer",
        "option",
    }
)

# Prepositions that keep a weapon inside the thing transferred ("sale of jets", "equipment
# including 20 Hawks", "aircraft such as the F-16"); others lead elsewhere ("proceeds from
# the arms sales", "spare parts for its Soviet hardware").
OBJECT_PREPOSITIONS = frozenset({"of", "including", "like", "as", "among"})

# Verbs whose "with" names what is given: "supply Switzerland with military equipment".
WITH_VERBS = frozenset(
    {
        "supply",
        "provide",
        "equip",
        "arm",
        "furnish",
        "help",
        "reinforce",
        "assist",
        "aid",
        "outfit",
        "deal",
    }
)

# Verbs whose object is the system that supplied equipment serves.
SERVICE_VERBS = frozenset(
    {
        "upgrade",
        "modernize",
        "modernise",
        "support",
        "maintain",
        "refurbish",
        "overhaul",
        "improve",
        "equip",
        "arm",
        "service",
    }
)


# --- production and licences ------------------------------------------------------------

PRODUCTION_VERBS = frozenset({"produce", "develop", "build", "manufacture", "make", "assemble"})

PRODUCTION_NOUNS = frozenset(
    {
        "production",
        "development",
        "manufacture",
        "manufacturing",
        "assembly",
        "venture",
        "programme",
        "program",
        "project",
    }
)

JOINT_WORDS = frozenset({"jointly", "together", "joint", "co", "collaboratively"})

LICENCE_WORDS = frozenset({"licence", "license", "licensed", "licenced"})

ORIGIN_PARTICIPLES = frozenset({"make", "build", "manufacture", "produce"})

# Words that say a system is produced, as opposed to developed or talked about.
PRODUCTION_WORDS = frozenset(
    {
        "produce",
        "build",
        "manufacture",
        "assemble",
        "make",
        "co-produce",
        "coproduce",
        "co-produced",
        "co-production",
        "coproduction",
        "production",
    }
)


# --- verbs and nouns around a trigger ---------------------------------------------------

# What "abandoned the plan" / "cancelled the deal" can cancel when it names no weapon.
CANCELLABLE_NOUNS = frozenset(
    {
        "plan",
        "deal",
        "contract",
        "purchase",
        "sale",
        "agreement",
        "programme",
        "program",
        "project",
        "idea",
        "acquisition",
        "delivery",
        "shipment",
        "transfer",
        "export",
    }
)

# Nouns that name what a party holds: a clause on one tells of the weapons held ("drones in
# their arsenal, which were supplied by Iran").
HOLDING_NOUNS = frozenset({"arsenal", "inventory", "stockpile", "armoury", "armory"})

# Verbs whose subject holds their object ("Iran has Chinese-made missiles").
HOLDING_VERBS = frozenset(
    {
        "have",
        "own",
        "possess",
        "operate",
        "field",
        "fly",
        "deploy",
        "station",
        "emplace",
        "install",
        "use",
        "make",
        "include",
    }
)

# "buy jets in a deal worth $2bn", "under a contract", "through a programme": a noun that
# frames the verb's own transfer adds its terms, not a second fact
FRAME_PREPOSITIONS = frozenset({"in", "under", "through", "via"})

# nouns that make the transfer they govern a sale: "won a contract to supply"
SALE_FRAME_NOUNS = frozenset({"contract", "order", "purchase", "sale", "tender"})

ARMING_VERBS = frozenset({"arm", "equip", "rearm"})

# verbs that take a recipient as a bare indirect object: "provided Syria six bombers"
DOUBLE_OBJECT_VERBS = frozenset(
    {"provide", "supply", "give", "send", "sell", "offer", "hand", "grant", "lend", "lease"}
)

WINNING_VERBS = frozenset(
    {"win", "secure", "land", "clinch", "capture", "obtain", "bag", "get", "receive", "award"}
)

# Verbs of a relative clause that lists what its noun holds: "a package that includes".
LISTING_VERBS = frozenset({"include", "contain", "comprise", "cover"})

# Nouns through which a trigger belongs to the verb above ("expressed interest in the purchase",
# "completed studies on the purchase", "signed a contract for the sale").
GOVERNING_NOUNS = frozenset(
    {
        "interest",
        "plan",
        "study",
        "talk",
        "negotiation",
        "proposal",
        "decision",
        "request",
        "contract",
        "deal",
        "agreement",
        "order",
        "offer",
        "bid",
        "approval",
        "go-ahead",
        "clearance",
        "permission",
        "pause",
        "moratorium",
        "suspension",
        "memorandum",
        "letter",
        "tender",
        "competition",
        "programme",
        "program",
        "package",
        "part",
    }
)

# Nouns whose owner is the buyer of what they are spent on ("the Saudi outlay on a contract").
SPENDING_NOUNS = frozenset(
    {"outlay", "spending", "expenditure", "investment", "budget", "bill", "payment", "cost"}
)


# --- constructions read as triggers (extract/triggers.py) -------------------------------

# Verbs that make a package of weapons a decided transfer: "approved a package of".
PACKAGE_VERBS = frozenset({"approve", "announce", "unveil", "authorize", "authorise", "clear"})

# Nouns for a batch of weapons decided on together: "an aid package", "the new tranche".
PACKAGE_NOUNS = frozenset({"package", "tranche"})
# ... and the words a later sentence names such a batch again by ("The package includes
# ...", "The aid also covers ...").
PACKAGE_NAMING_WORDS = PACKAGE_NOUNS | {"aid", "assistance"}

# Words of buying, as a verb or its noun: "a memorandum of intent to buy" states a
# purchase; "talks on buying the S-400" is a purchase an official may speak for.
BUYING_WORDS = frozenset({"buy", "purchase", "acquire", "procure", "order", "acquisition"})

# Words that make a package one of services or money, whatever it lists: "the training and
# logistic package", "an economic package", "a support package".
SERVICE_PACKAGE_KINDS = frozenset(
    {
        "training", "logistic", "logistics", "support", "service", "services", "maintenance",
        "economic", "humanitarian", "stimulus", "financial", "fiscal", "budget", "relief",
        "rescue", "bailout", "reform", "sanctions", "compensation",
    }
)

# Words that make a package one of weapons or aid: "an aid package", "a weapons package".
PACKAGE_KINDS = frozenset({"aid", "arm", "arms", "weapon", "weapons", "military", "security"})

ARRIVAL_VERBS = frozenset({"arrive", "land", "reach", "fly"})

PLEDGE_VERBS = frozenset({"promise", "pledge", "commit", "earmark", "announce"})

# Where an early-stage word names the weapon it is about.
REQUEST_PREPOSITIONS = {
    "ask": ("for",),
    "request": ("for",),
    "press": ("for",),
    "lobby": ("for",),
    "appeal": ("for",),
    "plead": ("for",),
    "petition": ("for",),
    "turn": ("for",),
    "look": ("for",),
    "talk": ("over", "on", "for", "about"),
    "negotiation": ("over", "on", "for", "about"),
    "discussion": ("over", "on", "for", "about"),
    "interested": ("in",),
    "narrow": ("to",),
}

REQUEST_LEMMAS = frozenset(REQUEST_PREPOSITIONS)
# Verbs that ask someone for something: "asked Berlin for IRIS-T units", "presses Trump for
# Tomahawks", "lobbied Washington for F-35s", "appealed to the West for air defences",
# "has turned to India for artillery", "looks to France for more Rafales".
ASKING_VERBS = frozenset(
    {"ask", "request", "press", "lobby", "appeal", "plead", "petition", "turn", "look"}
)

# A buyer's wish stated with the weapon as the verb's own object: "Poland has shortlisted
# the K2", "the Dutch seek 50 new army helicopters", "Manila is eyeing two submarines".
WANTING_VERBS = frozenset(
    {
        "seek",
        "want",
        "shortlist",
        "eye",
        "consider",
        "evaluate",
        "covet",
        "favour",
        "favor",
        "request",
    }
)

# Verbs that put a state out of a weapon's programme: "removing Turkey from the F-35
# programme", "Turkey was expelled from the programme".
EXPULSION_VERBS = frozenset({"remove", "expel", "exclude", "suspend", "kick", "eject", "oust"})

PROGRAMME_NOUNS = frozenset({"programme", "program", "project", "consortium", "partnership"})


# --- reading facts into records (records.py, fact_dates.py, coreference.py) -------------

# Verbs that report a fact: a date on them is the report's.
REPORTING_VERBS = frozenset(
    {"say", "acknowledge", "admit", "confirm", "report", "announce", "reveal", "break", "disclose"}
)

AWARD_VERBS = frozenset({"win", "award", "secure", "land", "clinch", "receive"})

FIRST_PERSON = frozenset({"we", "our", "us", "i", "my"})

# Nouns that name a state's role as another's source of weapons: "Russia, India's main
# arms supplier", "China is Pakistan's biggest supplier of weapons".
SUPPLIER_ROLE_NOUNS = frozenset(
    {"supplier", "provider", "source", "exporter", "armourer", "armorer"}
)

# Nouns that name a state's role as another's customer: "Saudi Arabia is the largest buyer
# of British weapons", "Egypt became the first foreign customer for the Rafale".
BUYER_ROLE_NOUNS = frozenset(
    {"buyer", "customer", "importer", "purchaser", "client", "recipient", "beneficiary"}
)
# Verbs of making someone feel (not REACTION_WORDS, the acts done to a state for a deal):
# the one a sale "angered" or "alarmed" is neither its buyer nor its seller ("Moscow's
# delivery of the S-300 angered Israel").
FEELING_VERBS = frozenset({
    "anger", "alarm", "infuriate", "enrage", "irk", "upset", "worry", "concern", "dismay",
    "unsettle", "rattle", "frustrate", "annoy", "provoke", "antagonise", "antagonize",
    "alienate", "outrage", "displease", "trouble", "spook", "irritate", "startle",
})

# Verbs by which a third party stops weapons that are not its own: "the navy seized a
# consignment of rifles", "intercepted Iranian missiles bound for the Houthis".
INTERDICTION_VERBS = frozenset({"intercept", "seize", "confiscate", "impound", "interdict"})
# Verbs that stop what they govern: a consignment on its way, or a state's own exports
STOPPING_VERBS = frozenset({"block", "stop", "halt"})
# Physical consignments: one blocked or stopped was stopped on its way, by anyone ("Turkey
# blocked a shipment of weapons to Libya"); an export or sale blocked is the seller's act.
CONSIGNMENT_NOUNS = frozenset({"shipment", "consignment", "cargo", "convoy", "delivery"})

# Words that close a list with what it does not name: "and other munitions", "and related
# equipment", "and various spare parts".
REST_OF_LIST_WORDS = frozenset({"other", "related", "various", "associated", "additional"})

# Participles that say a weapon was given to its holder ("Iranian-supplied drones"), as
# opposed to where it was made ("Iranian-made"); with these, even its use names the holder.
SUPPLY_PARTICIPLES = frozenset(
    {"supply", "provide", "donate", "deliver", "send", "give", "sell", "furnish", "gift"}
)
# Verbs of using a weapon: "Russia launched Iranian-supplied drones at Kyiv".
USE_VERBS = frozenset({"launch", "fire", "use", "employ", "fly", "deploy", "operate", "field"})


# Nouns of a state's permission to export (extract/triggers.is_export_licence), and the
# modifiers that make one ("export licences", "arms permits").
PERMISSION_NOUNS = frozenset(
    {"licence", "license", "permit", "authorisation", "authorization"}
)
EXPORT_PERMISSION_MODIFIERS = frozenset({"export", "exports", "arms", "weapon", "weapons"})

# Nouns of a supply in general whose "including" phrase names its parts ("military aid to
# Ukraine, including shipments of shells"): the parts share its parties and stage.
AID_NOUNS = frozenset(
    {"aid", "assistance", "support", "supply", "supplies", "delivery", "shipment", "transfer",
     "sale", "export", "help"}
)


# Words of acting on someone for what they did (object-biased implicit causality): a
# subject pronoun in a clause that gives the reason is their object ("Washington removed
# Ankara from the programme after it took delivery of the S-400"), and a "for" gerund
# under them is a deed done ("sanctions on a firm for buying S-400s"), not a topic.
REACTION_WORDS = frozenset(
    {
        "remove", "expel", "exclude", "eject", "oust", "kick", "drop", "suspend", "sanction",
        "punish", "penalise", "penalize", "fine", "ban", "bar", "criticise", "criticize",
        "condemn", "blame", "accuse", "warn", "threaten", "praise", "thank", "reward",
        "congratulate", "reprimand", "rebuke",
    }
)


# Nouns of the transfer a licence permits: "licences for the export of bombs to Egypt".
LICENSED_TRANSFER_NOUNS = frozenset({"export", "sale", "delivery", "transfer", "shipment"})

# Verbs of a bare wish: the spec's "wants" is interest whoever wants.
WISH_VERBS = frozenset({"want", "wish", "hope", "like", "love"})

# Nouns whose "of", "for" or "on" phrase they govern the status of: "interest in
# buying", "plans for the purchase", "a ban on exports" (status.governors): the nouns a
# trigger belongs to a verb through, and the nouns of transfers, halts and aims.
NOUNS_THAT_GOVERN = (GOVERNING_NOUNS - {"clearance", "part"}) | frozenset(
    {
        "acquisition", "aim", "attempt", "authorisation", "authorization", "ban",
        "cancellation", "decline", "deliveries", "delivery", "desire", "effort", "embargo",
        "export", "freeze", "goal", "growth", "halt", "import", "increase", "intention",
        "licence", "license", "option", "procurement", "project", "purchase", "quest",
        "resumption", "rise", "sale", "scheme", "shipment", "stop", "supply", "transfer",
        "wish",
    }
)
