// CommandSupportTests: tests replace this file.
