"""Hand-labelled outputs: (action, passage, output, acceptable?).

Labelled by reading each output as an editor would: acceptable means
grammatical, the same meaning, and no worse to read. Passages come from the
five sample articles (samples/README.md) and from the failures reported in
issue 13; outputs are what the built-in engine produced (or, for the issue's
failures, what it used to produce).
"""

SECURITY = ("No CMO wants to be seen as playing fast and loose with security, but at the same time, no "
            "one really wants a CMO to be more focused on security than on increasing brand recognition "
            "and improving relations with customers.")
CONVEY = ("CMOs should convey that security must be a key consideration with any technology in use at "
          "the company, but they should also articulate why a certain level of openness must be "
          "maintained in order to achieve marketing and communications goals.")
KPIS = ("CIOs can take note as to how CMOs choose their KPIs, identify analytics, and use data to "
        "quickly adjust marketing campaigns – and apply these learnings to IT initiatives.")
AGILE = ("Understanding how CMOs prioritize projects, allocate budgets and resources, and lead their "
         "teams to hit their goals, even when the strategy or tactics change, can provide CIOs with "
         "great learnings in what it means to be agile.")
OPENLY = ("If you are able to communicate openly and understand where each other is coming from, "
          "you’ll be prepared to take the next steps.")
MEETINGS = ("Hold joint meetings on a regular basis to ensure strategies are aligned, and share data "
            "and findings regarding the critical interfaces between technology and customer experiences.")
KILLER = ("Now, technology is the business – and marketing technology is the new “killer app.” CMOs "
          "need to embrace it and work together with IT to develop comprehensive, integrated "
          "data-driven marketing strategies.")
SEAMLESS = ("If you’re not working together internally, your systems and messages aren’t working "
            "together to create a seamless brand experience for your customers . . . and it will show.")
SURVEY = ("On the other side of the coin, one of the disappointments in this year’s survey has been "
          "virtually no progress in solving the problems that CMOs and CIOs face in turning large "
          "amounts of data into actionable customer insights.")
PLAN = ("This should address: 1) strong leadership to get the team on the same page; 2) a "
        "customer-centric agile planning process; 3) joint digital business transformation.")
NOW = ("Now more than ever, organizations' chief information officers and chief marketing officers "
       "must rely on each other to do their jobs more effectively.")
TODAY = ("In today's organizations, however, many of those processes and procedures have been thrown "
         "out the window as managers and end users alike try out cheap (or free) technology from the cloud.")
MOMENTUM = ("Build on this momentum by setting a joint vision that your organization can follow. "
            "• Jump on customer insights opportunities now.")
DEEP = ("They are deep in customer data, on top of consumer feedback and they keep a pulse on what the "
        "consumer expects from the industry.")

REWRITES = [
    ("clarity", SECURITY, SECURITY.replace(", but at", ". But at").replace(" really", ""), True),
    ("clarity", CONVEY, CONVEY.replace(", but they", ". But they").replace("in order to", "to"), True),
    ("clarity", KPIS, KPIS.replace("learnings", "lessons"), True),
    ("clarity", AGILE, AGILE.replace("learnings", "lessons"), True),
    ("clarity", OPENLY, OPENLY.replace("are able to", "can"), True),
    ("clarity", MEETINGS, MEETINGS.replace("on a regular basis", "regularly"), True),
    ("clarity", KILLER, KILLER.replace("data-driven", "based on data"), False),
    ("clarity", "Business is becoming more and more data-driven.",
     "Business is becoming more and more based on data.", True),
    ("clarity", SEAMLESS, SEAMLESS.replace("seamless", "smooth"), True),
    ("clarity", SURVEY, SURVEY.replace("actionable", "practical"), True),
    ("clarity", PLAN, PLAN.replace("a customer-centric agile planning process;",
                                   "a focused on customers agile planning process."), False),
    ("concise", NOW, NOW.replace("Now more than ever, organizations'", "Organizations'"), True),
    ("concise", "Sometimes you just have to see what sticks.", "Sometimes you have to see what sticks.", True),
    ("concise", TODAY, TODAY.replace("In today's organizations, however, many", "However, many"), True),
    ("concise", SECURITY, SECURITY.replace(" really", ""), True),
    ("concise", CONVEY, CONVEY.replace("in order to", "to"), True),
    ("concise", KPIS, KPIS.replace("learnings", "lessons"), True),
    ("concise", OPENLY, OPENLY.replace("are able to", "can"), True),
    ("concise", MEETINGS, MEETINGS.replace("on a regular basis", "regularly"), True),
    ("concise", SURVEY, SURVEY.replace("actionable", "practical"), True),
    ("concise", "We cut costs by 31% in six months.", "We cut costs in six months.", False),
    ("concise", "Our CFO, Maria Chen, approved the plan.", "Our CFO approved the plan.", False),
    ("executive", SECURITY, SECURITY.replace(", but at", ". But at").replace(" really", ""), True),
    ("executive", CONVEY, CONVEY.replace(", but they", ". But they").replace("in order to", "to"), True),
    ("executive", AGILE, AGILE.replace("learnings", "lessons"), True),
    ("executive", OPENLY, OPENLY.replace("are able to", "can"), True),
    ("executive", KILLER, KILLER.replace("data-driven", "based on data"), False),
    ("executive", SEAMLESS, SEAMLESS.replace("a seamless", "a"), True),
    ("executive", MOMENTUM, "• Jump on customer insights opportunities now. Build on this momentum by "
                            "setting a joint vision that your organization can follow.", False),
    ("executive", "I think that has to change.", "Has to change.", False),
    ("executive", "I think the board has to change how it funds IT.",
     "Has to change how it funds IT.", False),
    ("conversational", CONVEY, CONVEY.replace("in order to", "to"), True),
    ("conversational", DEEP, DEEP.replace("They are", "They're"), True),
    ("conversational", OPENLY, OPENLY.replace("you are able", "you're able").replace("If you are", "If you're"), True),
    ("conversational", MEETINGS, MEETINGS.replace("on a regular basis", "regularly")
     .replace("regarding", "about"), True),
    ("conversational", "We have not yet agreed a budget.", "We haven't yet agreed a budget.", True),
    ("jargon", "We built it on the new API gateway last year.",
     "We built it on the new a connection between systems (API) gateway last year.", False),
    ("jargon", "Our digital transformation needs better APIs and more bandwidth.",
     "Our digital transformation needs better connections between systems (APIs) and more bandwidth.", True),
    ("jargon", "We leverage the cloud to cut costs.", "We use the cloud to cut costs.", True),
    ("jargon", "The the plan is to synergize teams.", "The the plan is to get teams working together.", True),
    ("jargon", "Our data-driven approach works.", "Our based on data approach works.", False),
    ("jargon", "A customer-centric team wins.", "A a team focused on customers wins.", False),
]

CHOICES = [
    # (kind, text the post contains, choice, acceptable?)
    ("headlines", "Below is Part II, five lessons CMOs can teach CIOs.", "How we tackled teach CIOs", False),
    ("headlines", "Below is Part II, five lessons CMOs can teach CIOs.", "Why teach CIOs matter to the board", False),
    ("headlines", "Four lessons CMOs can teach CIOs: know the customer.", "8 lessons from CMOs", False),
    ("headlines", "CMOs can teach CIOs a lot; 40% of them say so.", "CMOs: what 40% taught us", False),
    ("headlines", "Five lessons CMOs can teach CIOs.", "Five lessons CMOs can teach CIOs", True),
    ("headlines", "We moved 40 services to reserved capacity.", "We moved 40 services to reserved capacity", True),
    ("headlines", "Last year our cloud costs grew faster than revenue.",
     "Our cloud costs grew faster than revenue", True),
    ("headlines", "Marketing and IT have lots in common.", "Marketing and IT have lots in common", True),
    ("headlines", "Marketing and IT have lots in common.", "Marketing and IT: a revolutionary alliance", False),
    ("headlines", "We cut cloud costs by 31% in six months.", "How we cut cloud costs by 45%", False),
    ("cta", "Five lessons CMOs can teach CIOs.",
     "Ask your team one question this week: what would our customers notice if we got teach CIOs right?", False),
    ("cta", "Start with one team and one dashboard. Ask what your cloud costs buy.",
     "Start with one team and one dashboard.", True),
    ("cta", "Who owns this cost? Ask your CFO.", "Who owns this cost?", True),
    ("cta", "Who owns this cost? Ask your CFO.", "Book a free consultation with our experts today.", False),
    ("cta", "Review the bill every week.", "Review the bill every week.", True),
    ("cta", "Review the bill every week.", "Subscribe for more insights.", False),
]

# Outputs of the tagger-based engine on samples/byline-own.txt (acceptable: grammatical, same
# meaning, no worse to read), and the failures found while building it (not acceptable).
BILL = "In order to cut the bill, we asked each team to name the three services it could switch off at night."
NOTE = ("It is important to note that the dashboard did not save a single dollar on its own; it just made "
        "the spending visible to the people who decide what to build.")
MONOLITH = ("Our core ordering system is a monolith that was written in 2009, and every change to it takes "
            "weeks of testing because nobody fully understands how its parts depend on each other.")
DECISION = ("It is a business decision about how much risk and delay we accept in exchange for speed today, "
            "and it deserves the same attention as any other debt on the balance sheet.")
REPORT = ("The first report in the new format was half as long as the old one, and the chairman told us it "
          "was the first technology update he had read to the end.")
PILOT = ("The first pilot used a large language model to draft replies for our contact centre, but the "
         "agents rewrote almost every answer because the model did not know our refund policy.")
FORMAT = ("We changed the format of our quarterly report so that every item starts with the business "
          "outcome, then the cost, then the risk, and only at the end the technology that makes it possible.")
RESULT = ("The result was a 22% cut in monthly spend by the end of the year, and the board now reviews the "
          "cloud bill every quarter alongside revenue and headcount.")
DEBT = "Technical debt is not a technology problem that the IT department can fix on its own."
DEBT_PARA = DEBT + " " + DECISION
APIS = "Our APIs now carry a cost label, and every new API must state who pays for it before it goes live."
LAKE = "We moved our billing data into a data lake and built a simple dashboard for every product owner."
MICRO = ("Instead, we moved one function at a time into microservices, starting with the ones that changed "
         "most often and caused the most incidents.")
ZERO = ("We also introduced zero trust for every supplier account, which means that each access request is "
        "checked against the device, the location and the time of day before it is allowed.")
PILOT_TIP = ("If you are starting an AI pilot, pick one process that is already measured, agree on the number "
             "you want to move, and stop the pilot if the number does not move within a quarter.")
BOARD = ("Board members do not want to hear about Kubernetes, containers or service meshes; they want to know "
         "what the business can do next year that it cannot do today.")
CONSULTED = ("For the CIO, watching marketing turn outside the organization further marginalizes the importance "
             "of IT, and often results in IT being consulted to connect the dots after key decisions.")
PARTNER = ("You can also begin to understand some of the concerns of the CMO, and ideally partner with your "
           "colleague as he or she considers initiatives that may require drastic changes.")

REWRITES += [
    ("clarity", BILL, BILL.replace("In order to cut", "To cut"), True),
    ("clarity", NOTE, NOTE.replace("It is important to note that the", "The"), True),
    ("clarity", "I would say that the problem was never the technology.", "The problem was never the technology.", True),
    ("clarity", "It goes without saying that the legal team had to approve every prompt.",
     "The legal team had to approve every prompt.", True),
    ("clarity", MONOLITH, MONOLITH.replace("2009, and every", "2009. Every"), True),
    ("clarity", DECISION, DECISION.replace("today, and it", "today. It"), True),
    ("clarity", REPORT, REPORT.replace("one, and the", "one. The"), True),
    ("clarity", PILOT, PILOT.replace("centre, but the", "centre. But the"), True),
    ("clarity", RESULT, RESULT.replace("year, and the board", "year. The board"), True),
    ("clarity", FORMAT, FORMAT.replace("risk, and only", "risk. Only"), False),  # a fragment
    ("clarity", CONSULTED, CONSULTED.replace("IT, and often", "IT. Often"), False),  # no subject
    ("clarity", PARTNER, PARTNER.replace("CMO, and ideally", "CMO. Ideally"), False),  # now an order
    ("concise", "We really needed fewer alerts, not more analysts.", "We needed fewer alerts, not more analysts.", True),
    ("concise", "Obviously, this highly tailored marketing department is dependent on technology.",
     "Obviously, this highly tailored marketing department depends on technology.", True),
    ("concise", NOTE, NOTE.replace("It is important to note that the", "The").replace(" just", ""), True),
    ("executive", "I think that has to change.", "That has to change.", True),
    ("executive", DEBT_PARA, DEBT_PARA.replace("today, and it", "today. It"), True),
    ("executive", DEBT_PARA, DECISION.replace("today, and it", "today. It") + " " + DEBT, False),
    ("conversational", PILOT_TIP, PILOT_TIP.replace("you are", "you're").replace("that is", "that's")
     .replace("does not", "doesn't"), True),
    ("conversational", BOARD, BOARD.replace("do not", "don't").replace("cannot", "can't"), True),
    ("jargon", LAKE, LAKE.replace("a data lake", "a central store of raw data"), True),
    ("jargon", APIS, "Our connections between systems (APIs) now carry a cost label, and every new connection "
                     "between systems must state who pays for it before it goes live.", True),
    ("jargon", MICRO, MICRO.replace("microservices", "small independent software services"), True),
    ("jargon", MONOLITH, MONOLITH.replace("a monolith", "a large application"), True),
    ("jargon", "We replaced two legacy systems with one data warehouse.",
     "We replaced two old systems still in use with one central store of cleaned business data.", True),
    ("jargon", DEBT, DEBT.replace("Technical debt", "Shortcuts we now pay to maintain"), False),  # "Shortcuts ... is"
    ("jargon", ZERO, ZERO.replace("zero trust", "check every access request"), False),  # a verb where a noun was
    ("jargon", "The API gateway rejects calls from services that have no owner.",
     "The a connection between systems (API) gateway rejects calls from services that have no owner.", False),
]

CHOICES += [
    ("headlines", "Below is Part II, five lessons CMOs can teach CIOs.", "Five lessons CMOs can teach CIOs", True),
    ("headlines", "Below are four lessons CMOs can teach CIOs.", "5 lessons CMOs can teach CIOs", False),
    ("headlines", "Informa PLC's registered office is 5 Howick Place. Four lessons follow.", "5 lessons", False),
    ("headlines", "Here are four important topics to keep top-of-mind.", "Four important topics", True),
    ("headlines", "The result was a 22% cut in monthly spend by the end of the year.",
     "A 22% cut in monthly spend", True),
    ("cta", "Have you called your CMO lately?", "Have you called your CMO lately?", True),
    ("cta", "Give up the idea of ownership. Make collaboration your new mantra.",
     "Make collaboration your new mantra.", True),
    ("cta", "Have you called your CMO lately?", "Call your CMO today and book a strategy session.", False),
]
