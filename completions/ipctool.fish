# fish completion for ipctool(1)

set -l commands list ls show info create mk rm remove limits top metrics help
set -l types shm msg sem pshm pmq psem sysv posix all

function __ipctool_ids
	set -l tokens (commandline -opc)
	for t in $tokens
		switch $t
		case shm msg sem
			ipctool list $t -r -n -o ID 2>/dev/null
			return
		case pshm pmq psem
			ipctool list $t -r -n -o NAME 2>/dev/null
			return
		end
	end
end

function __ipctool_columns
	ipctool list all --list-columns 2>/dev/null | string trim | string split -f1 ' '
end

complete -c ipctool -f
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show help'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Show version'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -s N -l namespace -x -a '(__fish_complete_pids)' -d 'Enter this IPC namespace'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -l color -x -a 'auto always never' -d 'Colour'

complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a 'list ls' -d 'List resources'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a 'show info' -d 'Show one resource'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a 'create mk' -d 'Create a resource'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a 'rm remove' -d 'Remove resources'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a limits -d 'Limits and use'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a top -d 'Live view'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a metrics -d 'Prometheus metrics'
complete -c ipctool -n "not __fish_seen_subcommand_from $commands" -a help -d 'Help'

complete -c ipctool -n "__fish_seen_subcommand_from $commands; and not __fish_seen_subcommand_from $types" -a "$types" -d 'Type'
complete -c ipctool -n "__fish_seen_subcommand_from show info rm remove; and __fish_seen_subcommand_from $types" -a '(__ipctool_ids)' -d 'Id'

# Filters: list, rm, top.
set -l filtering '__fish_seen_subcommand_from list ls rm remove top'
complete -c ipctool -n $filtering -s k -l key -x -d 'This key'
complete -c ipctool -n $filtering -s i -l id -x -a '(__ipctool_ids)' -d 'This id'
complete -c ipctool -n $filtering -s u -l user -x -a '(__fish_complete_users)' -d 'Owned by user'
complete -c ipctool -n $filtering -s g -l group -x -a '(__fish_complete_groups)' -d 'Owned by group'
complete -c ipctool -n $filtering -l creator -x -a '(__fish_complete_users)' -d 'Created by user'
complete -c ipctool -n $filtering -l pid -x -a '(__fish_complete_pids)' -d 'Created, used or attached by PID'
complete -c ipctool -n $filtering -l unattached -d 'Segments with no attachment'
complete -c ipctool -n $filtering -l idle -x -d 'Unused for DURATION'
complete -c ipctool -n $filtering -l older-than -x -d 'Changed longer ago than DURATION'
complete -c ipctool -n $filtering -l stale -d 'No live process can still use it'

# list
set -l listing '__fish_seen_subcommand_from list ls'
complete -c ipctool -n $listing -s o -l output -x -a '(__ipctool_columns)' -d 'Columns'
complete -c ipctool -n $listing -l output-all -d 'Every column'
complete -c ipctool -n $listing -l list-columns -d 'List the columns'
complete -c ipctool -n $listing -s J -l json -d 'JSON output'
complete -c ipctool -n $listing -s r -l raw -d 'Raw output'
complete -c ipctool -n $listing -s e -l export -d 'KEY="value" output'
complete -c ipctool -n $listing -s n -l noheadings -d 'No header line'
complete -c ipctool -n $listing -s b -l bytes -d 'Sizes in bytes'
complete -c ipctool -n $listing -s P -l numeric-perms -d 'Octal permissions'
complete -c ipctool -n $listing -l time-format -x -a 'short full iso relative' -d 'Time format'
complete -c ipctool -n $listing -l sort -x -a '(__ipctool_columns)' -d 'Sort columns'
complete -c ipctool -n $listing -l reverse -d 'Reverse the order'
complete -c ipctool -n $listing -s A -l all-namespaces -d 'Every IPC namespace'
complete -c ipctool -n $listing -s m -d 'shm'
complete -c ipctool -n $listing -s q -d 'msg'
complete -c ipctool -n $listing -s s -d 'sem'
complete -c ipctool -n $listing -s a -d 'All types'

# show
complete -c ipctool -n '__fish_seen_subcommand_from show info' -s J -l json -d 'JSON output'
complete -c ipctool -n '__fish_seen_subcommand_from show info' -l key -x -d 'By key'
complete -c ipctool -n '__fish_seen_subcommand_from show info' -l messages -d 'Peek at messages'

# create
set -l creating '__fish_seen_subcommand_from create mk'
complete -c ipctool -n $creating -l size -x -d 'Size'
complete -c ipctool -n $creating -l qbytes -x -d 'Queue capacity'
complete -c ipctool -n $creating -l nsems -x -d 'Number of semaphores'
complete -c ipctool -n $creating -l value -x -d 'Initial value'
complete -c ipctool -n $creating -l key -x -d 'Key'
complete -c ipctool -n $creating -l key-file -r -F -d 'ftok path[:proj]'
complete -c ipctool -n $creating -l private -d 'Private key'
complete -c ipctool -n $creating -l mode -x -d 'Octal mode'
complete -c ipctool -n $creating -l exclusive -d 'Fail if it exists'
complete -c ipctool -n $creating -l maxmsg -x -d 'Max messages (pmq)'
complete -c ipctool -n $creating -l msgsize -x -d 'Max message size (pmq)'
complete -c ipctool -n $creating -s J -l json -d 'JSON output'

# rm
set -l removing '__fish_seen_subcommand_from rm remove'
complete -c ipctool -n $removing -l all -d 'Every resource of the types'
complete -c ipctool -n $removing -l dry-run -d 'Remove nothing'
complete -c ipctool -n $removing -s v -l verbose -d 'Say what is removed'
complete -c ipctool -n $removing -s J -l json -d 'JSON output'

# limits, top, metrics
complete -c ipctool -n '__fish_seen_subcommand_from limits' -s J -l json -d 'JSON output'
complete -c ipctool -n '__fish_seen_subcommand_from limits' -s b -l bytes -d 'Exact numbers'
complete -c ipctool -n '__fish_seen_subcommand_from top' -s d -l delay -x -d 'Refresh interval'
complete -c ipctool -n '__fish_seen_subcommand_from top' -l batch -d 'Plain-text frames'
complete -c ipctool -n '__fish_seen_subcommand_from top' -s n -l iterations -x -d 'Frames in batch mode'
complete -c ipctool -n '__fish_seen_subcommand_from metrics' -s A -l all-namespaces -d 'Every IPC namespace'
complete -c ipctool -n '__fish_seen_subcommand_from metrics' -s o -l output -r -F -d 'Write to FILE atomically'
complete -c ipctool -n '__fish_seen_subcommand_from help' -a "$commands" -d 'Command'
