"""The labelled matching set (see README.md) and the code that measures it."""
