"""The editors' dashboard: what readers asked, per story, on a web page (`storybot dashboard`).

server (tornado: routes, authentication, run), queries (read-only SQL over the conversation
store), chart (the SVG of questions per day), views (formatting for the templates), health
(`/healthz`, mountable in any tornado app), templates/ and static/.
"""
