-- A script for LuaScriptIT: answers its first argument.
return ARGV[1]
