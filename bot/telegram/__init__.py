"""The Telegram wing: python-telegram-bot wiring, handlers, delivery, rendering."""
