"""The conversation logic every front end shares (Telegram today, the console or a web page next).

* `bot.conversation.memory`: each chat's last `Conversation`, for follow-ups, bounded;
* `bot.conversation.session`: `Conversations`, one per running bot: a message in, a `Turn`
  out (the engine's answer, or a refusal by the rate limit, which fails open), the question
  committed to the store before the front end sends the reply;
* `bot.conversation.texts`: the fixed Arabic texts, plain (each front end formats them).

Nothing here knows Telegram: a front end turns a `Turn` into its own messages.
"""
