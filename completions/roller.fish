# fish completion for roller(1): commands, options, and area and roller names from the
# profile in use. Installed as /usr/share/fish/vendor_completions.d/roller.fish; or copy it
# to ~/.config/fish/completions/.

set -l commands log next remind prompt history stats clean-reminder clean replace hold use react course photo report undo void import check init

function __roller_names -a what
    # Passes on --profile if the command line has one.
    set -l tokens (commandline -opc)
    set -l profile
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --profile
                set profile --profile $tokens[(math $i + 1)]
            case '--profile=*'
                set profile $tokens[$i]
        end
    end
    $tokens[1] $profile __complete $what 2>/dev/null
end

complete -c roller -f
# Global options.
complete -c roller -l profile -r -F -d 'Profile (TOML) to use'
complete -c roller -l log -r -F -d 'Log file'
complete -c roller -l now -x -a 'today yesterday now' -d 'Evaluate as if it were this time'
complete -c roller -l no-color -d 'No colour'
complete -c roller -l color -x -a 'auto always never' -d 'When to colour'
complete -c roller -s h -l help -d 'Show help'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'

# Commands.
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a log -d 'Check the rules and record a session'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a next -d 'Whether each area may be rolled now, or when'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a remind -d 'Say once what needs attention now'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a prompt -d 'A short segment for a shell prompt'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a history -d 'Past sessions, a CSV or month grids'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Sessions, gaps and kept rest per area'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a clean-reminder -d 'Which rollers need cleaning or replacing'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a clean -d 'Record that a roller was cleaned'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a replace -d 'Record a fresh roller head'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a hold -d 'Pause all rolling until a time'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a use -d 'Record a product put on the skin'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a react -d 'Record how the skin healed'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a course -d 'Start, stop and follow treatment courses'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a photo -d 'Keep progress photos of an area'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a report -d 'Write one HTML page of progress for a clinician'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a undo -d 'Void the newest record'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a void -d 'Void one record by its id'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a import -d "Merge another device's roller log"
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a check -d 'Check the profile and the whole log'
complete -c roller -n "not __fish_seen_subcommand_from $commands" -a init -d 'Write the default profile for editing'

# Options of each command.
complete -c roller -n '__fish_seen_subcommand_from log next history use course react' -l area -x -a '(__roller_names areas)' -d 'Area'
complete -c roller -n '__fish_seen_subcommand_from log clean replace' -l roller -x -a '(__roller_names rollers)' -d 'Roller'
complete -c roller -n '__fish_seen_subcommand_from log course' -l depth -x -d 'Needle length in mm'
complete -c roller -n '__fish_seen_subcommand_from log clean replace use course react' -l at -x -a 'today yesterday' -d 'When, if not now'
complete -c roller -n '__fish_seen_subcommand_from log' -l note -x -d 'A note to keep with the session'
complete -c roller -n '__fish_seen_subcommand_from log' -x -a '(__roller_names areas)' -d 'Area of the sitting'
complete -c roller -n '__fish_seen_subcommand_from log init clean replace hold use react course undo void import' -l force -d 'Override (see roller COMMAND --help)'
complete -c roller -n '__fish_seen_subcommand_from next history stats clean-reminder course remind' -l json -d 'Print JSON'
complete -c roller -n '__fish_seen_subcommand_from next' -l ics -d 'Print an iCalendar'
complete -c roller -n '__fish_seen_subcommand_from history report' -l since -x -a 'today yesterday' -d 'Only sessions at or after TIME'
complete -c roller -n '__fish_seen_subcommand_from history hold report' -l until -x -a 'today yesterday' -d 'Up to TIME'
complete -c roller -n '__fish_seen_subcommand_from history' -l last -x -d 'Only the last N sessions'
complete -c roller -n '__fish_seen_subcommand_from history' -l csv -d 'Print CSV'
complete -c roller -n '__fish_seen_subcommand_from history' -l calendar -d 'Show month grids'
complete -c roller -n '__fish_seen_subcommand_from history' -l months -x -d 'With --calendar: how many months'
complete -c roller -n '__fish_seen_subcommand_from clean-reminder' -l exit-code -d 'Exit 1 when a roller needs care'
complete -c roller -n '__fish_seen_subcommand_from remind' -l exit-code -d 'Exit 1 when something is new'
complete -c roller -n '__fish_seen_subcommand_from remind' -l notify -d 'Also send a desktop notification'
complete -c roller -n '__fish_seen_subcommand_from remind' -l install -d 'Write a systemd user timer'
complete -c roller -n '__fish_seen_subcommand_from remind' -l at -x -d 'With --install: daily at HH:MM'
complete -c roller -n '__fish_seen_subcommand_from remind' -l force -d "With --install: rewrite roller's own units"
complete -c roller -n '__fish_seen_subcommand_from remind' -l uninstall -d 'Remove the timer roller wrote'
complete -c roller -n '__fish_seen_subcommand_from prompt' -l verbose -d 'Say why nothing was printed'
complete -c roller -n '__fish_seen_subcommand_from hold' -l reason -x -d 'Why'
complete -c roller -n '__fish_seen_subcommand_from hold' -l clear -d 'End the pause now'
complete -c roller -n '__fish_seen_subcommand_from hold' -l preset -x -a '(__roller_names presets)' -d 'A standard pause of the profile'
complete -c roller -n '__fish_seen_subcommand_from hold' -l from -x -a 'today yesterday' -d 'With --preset: when the pause counts from'
complete -c roller -n '__fish_seen_subcommand_from use' -l note -x -d 'A note to keep with the use'
complete -c roller -n '__fish_seen_subcommand_from use' -a '(__roller_names products)' -d 'Product'
complete -c roller -n '__fish_seen_subcommand_from log' -l passes -x -d 'Passes over the area (1-20)'
complete -c roller -n '__fish_seen_subcommand_from log' -l pressure -x -a 'light medium firm' -d 'How hard'
complete -c roller -n '__fish_seen_subcommand_from log' -l pain -x -d 'How much it hurt (0-10)'
complete -c roller -n '__fish_seen_subcommand_from log' -l numbing -x -d 'Minutes of numbing cream before'
complete -c roller -n '__fish_seen_subcommand_from log' -l serum -x -d 'What went on after'
complete -c roller -n '__fish_seen_subcommand_from log' -l endpoint -x -a 'none erythema pinpoint-bleeding' -d 'What the skin showed'
complete -c roller -n '__fish_seen_subcommand_from history' -l long -d 'Each session in full'
complete -c roller -n '__fish_seen_subcommand_from stats' -l by -x -a 'pressure passes endpoint' -d 'Compare sessions by one detail'
complete -c roller -n '__fish_seen_subcommand_from react' -l redness -x -a '0 1 2 3' -d '0 none to 3 marked'
complete -c roller -n '__fish_seen_subcommand_from react' -l peeling -d 'The skin peels'
complete -c roller -n '__fish_seen_subcommand_from react' -l swelling -d 'The skin is swollen'
complete -c roller -n '__fish_seen_subcommand_from react' -l severe -d 'Pus, fever or spreading redness'
complete -c roller -n '__fish_seen_subcommand_from react' -l note -x -d 'A note to keep with the reaction'
complete -c roller -n '__fish_seen_subcommand_from import' -F -d 'Roller log to merge'
complete -c roller -n '__fish_seen_subcommand_from course; and not __fish_seen_subcommand_from start stop list' -a 'start stop list' -d 'Course action'
complete -c roller -n '__fish_seen_subcommand_from course' -l every -x -d 'Days between sessions'
complete -c roller -n '__fish_seen_subcommand_from course' -l sessions -x -d 'How many sessions'
complete -c roller -n '__fish_seen_subcommand_from course' -l review -x -d 'Weeks to review, like 8,12'
complete -c roller -n '__fish_seen_subcommand_from photo; and not __fish_seen_subcommand_from add list' -a 'add list' -d 'Photo action'
complete -c roller -n '__fish_seen_subcommand_from add' -F -d 'Photo to add'
complete -c roller -n '__fish_seen_subcommand_from photo' -l area -x -a '(__roller_names areas)' -d 'Area'
complete -c roller -n '__fish_seen_subcommand_from photo' -l angle -x -d 'Angle, like front'
complete -c roller -n '__fish_seen_subcommand_from photo' -l at -x -a 'today yesterday' -d 'When it was taken'
complete -c roller -n '__fish_seen_subcommand_from photo' -l note -x -d 'A note to keep with the photos'
complete -c roller -n '__fish_seen_subcommand_from photo' -l json -d 'Print JSON'
complete -c roller -n '__fish_seen_subcommand_from photo' -l force -d 'Write even over lines roller cannot read'
complete -c roller -n '__fish_seen_subcommand_from report' -s o -l output -r -F -d 'Write the report to FILE'
complete -c roller -n '__fish_seen_subcommand_from report' -l format -x -a 'html md' -d 'html or md'
complete -c roller -n '__fish_seen_subcommand_from init' -l example -x -a '(command roller init --list-examples 2>/dev/null | string replace -r "  +" \t)' -d 'Write an example profile'
complete -c roller -n '__fish_seen_subcommand_from init' -l list-examples -d 'List the example profiles'
