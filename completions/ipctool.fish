# SPDX-License-Identifier: ISC
# fish completion for ipctool(1)
#
# Each command's own options; ids, keys and POSIX names of live resources
# are asked of the ipctool being completed (with its -N, if given), quietly.

# The command on the line, aliases resolved; nothing before it.
function __ipctool_cmd
    set -l tokens (commandline -opc)
    set -e tokens[1]
    while set -q tokens[1]
        switch $tokens[1]
            case -N --namespace
                set -e tokens[1]
            case '-*'
            case ls
                echo list; return
            case info
                echo show; return
            case mk
                echo create; return
            case remove
                echo rm; return
            case '*'
                echo $tokens[1]; return
        end
        set -e tokens[1]
    end
    return 1
end

# __ipctool_is CMD...: whether the command on the line is one of CMD.
function __ipctool_is
    set -l c (__ipctool_cmd); or return 1
    contains -- $c $argv
end

# The ipctool being completed and its -N, one word a line.
function __ipctool_prog
    set -l tokens (commandline -opc)
    echo $tokens[1]
    set -e tokens[1]
    while set -q tokens[1]
        switch $tokens[1]
            case -N --namespace
                set -q tokens[2]; and printf '%s\n' -N $tokens[2]
                return
            case '--namespace=*'
                printf '%s\n' -N (string replace -- --namespace= '' $tokens[1])
                return
            case '-N?*'
                echo $tokens[1]
                return
            case '-*'
            case '*'
                return
        end
        set -e tokens[1]
    end
end

# The (last) single type named on the line.
function __ipctool_type
    set -l t
    for w in (commandline -opc)
        switch $w
            case shm msg sem pshm pmq psem
                set t $w
            case -m
                set t shm
            case -q
                set t msg
            case -s
                set t sem
        end
    end
    test -n "$t"; and echo $t
end

# Whether a type word or flag is on the line.
function __ipctool_has_type
    __ipctool_type >/dev/null
end

# __ipctool_live [-k]: live ids (keys with -k; names for POSIX types).
function __ipctool_live
    set -l t (__ipctool_type); or return
    set -l col ID
    if contains -- -k $argv
        set col KEY
    else if contains -- --auto $argv
        for w in (commandline -opc)
            contains -- $w -k --key; and set col KEY
        end
    end
    string match -q 'p*' $t; and set col NAME
    set -l prog (__ipctool_prog)
    $prog list $t -n -r -o $col 2>/dev/null
end

# Column names of the type on the line (of every type).
function __ipctool_columns
    set -l t (__ipctool_type); or set t all
    set -l prog (__ipctool_prog)
    $prog list $t --list-columns 2>/dev/null | string trim | string replace -r ' .*' ''
end

# A comma list of columns: the last item completed, the rest kept.
function __ipctool_collist
    set -l cur (commandline -ct | string replace -r '^(-o|--output=|--sort=)' '')
    # An empty list would make "$head$c" empty too: keep one element.
    set -l head (string match -r '^.*,' -- "$cur"); or set head ''
    if test -z "$head"
        set head (string match -r '^\+' -- "$cur"); or set head ''
    end
    for c in (__ipctool_columns)
        echo "$head$c"
    end
end

set -l commands create mk help limits list ls metrics rm remove show info top watch
set -l types shm msg sem pshm pmq psem sysv posix all

complete -c ipctool -f

# Global options and the commands.
set -l global 'not __ipctool_cmd >/dev/null'
complete -c ipctool -n $global -s h -l help -d 'Show help'
complete -c ipctool -n $global -s V -l version -d 'Show the version'
complete -c ipctool -n $global -s N -l namespace -r -a '(__fish_complete_pids)' -d 'Enter that IPC namespace first'
complete -c ipctool -n $global -l color -f -a 'auto always never' -d 'Colour: auto, always or never'
complete -c ipctool -n $global -a 'create mk' -d 'Make a segment, queue or semaphore set'
complete -c ipctool -n $global -a help -d 'Show the help of ipctool or of one command'
complete -c ipctool -n $global -a limits -d "Show the system's IPC limits and their use"
complete -c ipctool -n $global -a 'list ls' -d 'List resources'
complete -c ipctool -n $global -a metrics -d 'Print counts, sizes and limits for Prometheus'
complete -c ipctool -n $global -a 'rm remove' -d 'Remove resources'
complete -c ipctool -n $global -a 'show info' -d 'Show one resource in full'
complete -c ipctool -n $global -a top -d 'Watch resources live'
complete -c ipctool -n $global -a watch -d 'Log resources made, removed, attached, filled, stale'
complete -c ipctool -n $global -a 'ipcs ipcrm ipcmk lsipc' -d "util-linux's tool, its options and output"

# The personalities: util-linux 2.38's options of each.
set -l ipcs '__ipctool_is ipcs'
complete -c ipctool -n $ipcs -s i -l id -x -d 'One resource in detail'
complete -c ipctool -n $ipcs -s m -l shmems -d 'Shared memory segments'
complete -c ipctool -n $ipcs -s q -l queues -d 'Message queues'
complete -c ipctool -n $ipcs -s s -l semaphores -d 'Semaphore arrays'
complete -c ipctool -n $ipcs -s a -l all -d 'All (the default)'
complete -c ipctool -n $ipcs -s t -l time -d 'Attach, detach and change times'
complete -c ipctool -n $ipcs -s p -l pid -d 'Creator and last operator PIDs'
complete -c ipctool -n $ipcs -s c -l creator -d 'Creator and owner'
complete -c ipctool -n $ipcs -s l -l limits -d 'Resource limits'
complete -c ipctool -n $ipcs -s u -l summary -d 'Status summary'
complete -c ipctool -n $ipcs -l human -d 'Sizes in a human form'
complete -c ipctool -n $ipcs -s b -l bytes -d 'Sizes in bytes'
set -l ipcrm '__ipctool_is ipcrm'
complete -c ipctool -n $ipcrm -s m -l shmem-id -x -d 'Remove a segment by id'
complete -c ipctool -n $ipcrm -s M -l shmem-key -x -d 'Remove a segment by key'
complete -c ipctool -n $ipcrm -s q -l queue-id -x -d 'Remove a queue by id'
complete -c ipctool -n $ipcrm -s Q -l queue-key -x -d 'Remove a queue by key'
complete -c ipctool -n $ipcrm -s s -l semaphore-id -x -d 'Remove a set by id'
complete -c ipctool -n $ipcrm -s S -l semaphore-key -x -d 'Remove a set by key'
complete -c ipctool -n $ipcrm -s a -l all -f -a 'shm msg sem' -d 'Remove all (of one type)'
complete -c ipctool -n $ipcrm -s v -l verbose -d 'Say what is removed'
set -l ipcmk '__ipctool_is ipcmk'
complete -c ipctool -n $ipcmk -s M -l shmem -x -d 'A segment of this size'
complete -c ipctool -n $ipcmk -s S -l semaphore -x -d 'A set of this many semaphores'
complete -c ipctool -n $ipcmk -s Q -l queue -d 'A message queue'
complete -c ipctool -n $ipcmk -s p -l mode -x -d 'Permissions (octal)'
set -l lsipc '__ipctool_is lsipc'
complete -c ipctool -n $lsipc -s m -l shmems -d 'Shared memory segments'
complete -c ipctool -n $lsipc -s q -l queues -d 'Message queues'
complete -c ipctool -n $lsipc -s s -l semaphores -d 'Semaphores'
complete -c ipctool -n $lsipc -s g -l global -d 'System-wide usage and limits'
complete -c ipctool -n $lsipc -s i -l id -x -d 'One resource in detail'
complete -c ipctool -n $lsipc -l noheadings -d 'No headings'
complete -c ipctool -n $lsipc -l notruncate -d 'Do not cut columns'
complete -c ipctool -n $lsipc -l time-format -x -a 'short full iso' -d 'Time format'
complete -c ipctool -n $lsipc -s b -l bytes -d 'Sizes in bytes'
complete -c ipctool -n $lsipc -s c -l creator -d 'Creator and owner columns'
complete -c ipctool -n $lsipc -s e -l export -d 'KEY="value" pairs'
complete -c ipctool -n $lsipc -s J -l json -d 'JSON output'
complete -c ipctool -n $lsipc -s n -l newline -d 'Each field on its own line'
complete -c ipctool -n $lsipc -s l -l list -d 'List output'
complete -c ipctool -n $lsipc -s o -l output -x -d 'Columns'
complete -c ipctool -n $lsipc -s P -l numeric-perms -d 'Permissions as numbers'
complete -c ipctool -n $lsipc -s r -l raw -d 'Raw output'
complete -c ipctool -n $lsipc -s t -l time -d 'Time columns'
complete -c ipctool -n $lsipc -s y -l shell -d 'Column names usable as shell variables'
for p in ipcs ipcrm ipcmk lsipc
    complete -c ipctool -n "__ipctool_is $p" -s h -l help -d 'Show help'
    complete -c ipctool -n "__ipctool_is $p" -s V -l version -d 'Show the version'
end

# Filters: list, rm, top, watch.
set -l filtering '__ipctool_is list rm top watch'
complete -c ipctool -n $filtering -s k -l key -x -a '(__ipctool_live -k)' -d 'This key'
complete -c ipctool -n $filtering -s i -l id -x -a '(__ipctool_live)' -d 'This id'
complete -c ipctool -n $filtering -s u -l user -x -a '(__fish_complete_users)' -d 'Owned by USER'
complete -c ipctool -n $filtering -s g -l group -x -a '(__fish_complete_groups)' -d 'Owned by GROUP'
complete -c ipctool -n $filtering -l creator -x -a '(__fish_complete_users)' -d 'Created by USER'
complete -c ipctool -n $filtering -l pid -x -a '(__fish_complete_pids)' -d 'Created, last used, attached or waited on by PID'
complete -c ipctool -n $filtering -l unattached -d 'Shm segments with no attachment'
complete -c ipctool -n $filtering -l idle -x -d 'Unused for DURATION (90s, 15m, 2h, 7d)'
complete -c ipctool -n $filtering -l older-than -x -d 'Changed longer ago than DURATION'
complete -c ipctool -n $filtering -l stale -d 'No live process can still use it'

# Type flags.
complete -c ipctool -n '__ipctool_is list rm top show watch' -s m -d 'System V shared memory'
complete -c ipctool -n '__ipctool_is list rm top show watch' -s q -d 'System V message queues'
complete -c ipctool -n '__ipctool_is list rm top show watch' -s s -d 'System V semaphore sets'
complete -c ipctool -n '__ipctool_is list top watch' -s a -d 'Every type'

# list
set -l listing '__ipctool_is list'
complete -c ipctool -n $listing -a "$types" -d Type
complete -c ipctool -n $listing -s o -l output -x -a '(__ipctool_collist)' -d 'Columns to show (+COLS adds)'
complete -c ipctool -n $listing -l output-all -d 'Show every column'
complete -c ipctool -n $listing -l list-columns -d 'List the columns and what they mean'
complete -c ipctool -n $listing -s J -l json -d 'JSON output'
complete -c ipctool -n $listing -s r -l raw -d 'Raw output'
complete -c ipctool -n $listing -s e -l export -d 'KEY="value" pairs'
complete -c ipctool -n $listing -s n -l noheadings -d 'No header line'
complete -c ipctool -n $listing -s b -l bytes -d 'Sizes in bytes'
complete -c ipctool -n $listing -s P -l numeric-perms -d 'Permissions as octal numbers'
complete -c ipctool -n $listing -l time-format -x -a 'short full iso relative' -d 'How times are shown'
complete -c ipctool -n $listing -l sort -x -a '(__ipctool_collist)' -d 'Sort by these columns'
complete -c ipctool -n $listing -l reverse -d 'Reverse the order'
complete -c ipctool -n $listing -l notruncate -d 'Do not cut text to fit the terminal'
complete -c ipctool -n $listing -s t -l time -d 'Add the time columns'
complete -c ipctool -n $listing -s c -d 'Add the creator columns'
complete -c ipctool -n $listing -s p -d 'Add the pid columns'
complete -c ipctool -n $listing -s A -l all-namespaces -d 'Every IPC namespace that has resources'
complete -c ipctool -n $listing -s h -l help -d 'Show help'

# show
set -l showing '__ipctool_is show'
complete -c ipctool -n "$showing; and not __ipctool_has_type" -a 'shm msg sem pshm pmq psem' -d Type
complete -c ipctool -n "$showing; and __ipctool_has_type" -a '(__ipctool_live --auto)' -d 'Id or name'
complete -c ipctool -n $showing -s k -l key -x -a '(__ipctool_live -k)' -d 'Find the resource by key'
complete -c ipctool -n $showing -s J -l json -d 'JSON output'
complete -c ipctool -n $showing -s b -l bytes -d 'Sizes in bytes only'
complete -c ipctool -n $showing -s P -l numeric-perms -d 'Permissions as octal numbers'
complete -c ipctool -n $showing -l time-format -x -a 'short full iso relative' -d 'How times are shown'
complete -c ipctool -n $showing -l messages -d 'msg: show the first N messages (--messages=N)'
complete -c ipctool -n $showing -l notruncate -d 'Do not cut commands to fit the terminal'
complete -c ipctool -n $showing -s h -l help -d 'Show help'

# create
set -l creating '__ipctool_is create'
complete -c ipctool -n "$creating; and not __ipctool_has_type" -a 'shm msg sem pshm pmq psem' -d Type
complete -c ipctool -n $creating -l size -x -d 'shm, pshm: size (K, M, G suffixes)'
complete -c ipctool -n $creating -l qbytes -x -d 'msg: queue capacity'
complete -c ipctool -n $creating -l nsems -x -d 'sem: number of semaphores'
complete -c ipctool -n $creating -l value -x -d 'sem, psem: initial value'
complete -c ipctool -n $creating -l maxmsg -x -d 'pmq: most messages'
complete -c ipctool -n $creating -l msgsize -x -d 'pmq: largest message'
complete -c ipctool -n $creating -l key -x -d 'This key (0x.., decimal or octal)'
complete -c ipctool -n $creating -l key-file -r -F -d 'The key ftok(PATH, PROJ) makes'
complete -c ipctool -n $creating -l private -d 'IPC_PRIVATE: no key'
complete -c ipctool -n $creating -l mode -x -d 'Permissions (default 0644)'
complete -c ipctool -n $creating -l exclusive -d 'Fail if the key or name exists'
complete -c ipctool -n $creating -s J -l json -d 'Print type, id and key as JSON'
complete -c ipctool -n $creating -s h -l help -d 'Show help'

# rm
set -l removing '__ipctool_is rm'
complete -c ipctool -n "$removing; and not __ipctool_has_type" -a "$types" -d Type
complete -c ipctool -n "$removing; and __ipctool_has_type" -a '(__ipctool_live --auto)' -d 'Id, key or name'
complete -c ipctool -n $removing -l all -d 'Every resource of the types'
complete -c ipctool -n $removing -l dry-run -d 'Remove nothing, print what would go'
complete -c ipctool -n $removing -s J -l json -d 'With --dry-run: what would go, as JSON'
complete -c ipctool -n $removing -s v -l verbose -d 'Print each removal'
complete -c ipctool -n $removing -s h -l help -d 'Show help'

# limits
set -l limiting '__ipctool_is limits'
complete -c ipctool -n $limiting -s J -l json -d 'JSON output'
complete -c ipctool -n $limiting -s r -l raw -d 'Raw output'
complete -c ipctool -n $limiting -s n -l noheadings -d 'No header line'
complete -c ipctool -n $limiting -s b -l bytes -d 'Exact numbers'
complete -c ipctool -n $limiting -s h -l help -d 'Show help'

# metrics
set -l measuring '__ipctool_is metrics'
complete -c ipctool -n $measuring -s A -l all-namespaces -d 'Every IPC namespace, with an ns label'
complete -c ipctool -n $measuring -l stale -d 'Add ipc_stale_resources'
complete -c ipctool -n $measuring -s o -l output -r -F -d 'Write FILE atomically'
complete -c ipctool -n $measuring -s h -l help -d 'Show help'

# top
set -l watching '__ipctool_is top'
complete -c ipctool -n $watching -a "$types" -d Type
complete -c ipctool -n $watching -s o -l output -x -a '(__ipctool_collist)' -d 'Columns of each tab (+COLS adds)'
complete -c ipctool -n $watching -s d -l delay -x -d 'Refresh interval in seconds (2)'
complete -c ipctool -n $watching -s n -l iterations -x -d 'Stop after N refreshes'
complete -c ipctool -n $watching -s b -l batch -d 'Print plain-text frames'
complete -c ipctool -n $watching -l sort -x -a '(__ipctool_columns)' -d 'Start sorted by this column'
complete -c ipctool -n $watching -l reverse -d 'Start in reverse order'
complete -c ipctool -n $watching -s A -l all-namespaces -d 'Every IPC namespace that has resources'
complete -c ipctool -n $watching -s h -l help -d 'Show help'

# watch
set -l logging '__ipctool_is watch'
complete -c ipctool -n $logging -a "$types" -d Type
complete -c ipctool -n $logging -s d -l delay -x -d 'System V sampling interval in seconds (1)'
complete -c ipctool -n $logging -s J -l json -d 'JSON lines, one per event'
complete -c ipctool -n $logging -l log -d 'To the journal, or syslog'
complete -c ipctool -n $logging -s h -l help -d 'Show help'

# help
complete -c ipctool -n '__ipctool_is help' -a 'create help limits list metrics rm show top watch' -d Command
complete -c ipctool -n '__ipctool_is help' -s h -l help -d 'Show help'
