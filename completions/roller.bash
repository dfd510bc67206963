# bash completion for roller(1): commands, options, and area, roller, product and preset names from the
# profile in use (the one --profile names on the command line, else ROLLER_PROFILE, else the
# usual place). Needs nothing but bash; installed as
# /usr/share/bash-completion/completions/roller, or source it from ~/.bashrc.

_roller_names() {
  # $1: areas, rollers, products or presets. Passes on --profile if the command line has one.
  local i profile=()
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    case ${COMP_WORDS[i]} in
      --profile) profile=(--profile "${COMP_WORDS[i + 1]}") ;;
      --profile=*) profile=("${COMP_WORDS[i]}") ;;
    esac
  done
  "${COMP_WORDS[0]}" "${profile[@]}" __complete "$1" 2>/dev/null
}

_roller() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="log next remind prompt history stats clean-reminder clean replace hold use react course photo report undo void import check init"
  local globals="--profile --log --now --no-color --color --help --version"

  case $prev in
    --area)
      COMPREPLY=($(compgen -W "$(_roller_names areas)" -- "$cur"))
      return ;;
    --roller)
      COMPREPLY=($(compgen -W "$(_roller_names rollers)" -- "$cur"))
      return ;;
    --preset)
      COMPREPLY=($(compgen -W "$(_roller_names presets)" -- "$cur"))
      return ;;
    --profile | --log | -o | --output)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
      return ;;
    --format)
      COMPREPLY=($(compgen -W "html md" -- "$cur"))
      return ;;
    --example)
      COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" init --list-examples 2>/dev/null | cut -d' ' -f1)" -- "$cur"))
      return ;;
    --now | --at | --since | --until | --from)
      COMPREPLY=($(compgen -W "today yesterday now" -- "$cur"))
      return ;;
    --pressure)
      COMPREPLY=($(compgen -W "light medium firm" -- "$cur"))
      return ;;
    --endpoint)
      COMPREPLY=($(compgen -W "none erythema pinpoint-bleeding" -- "$cur"))
      return ;;
    --by)
      COMPREPLY=($(compgen -W "pressure passes endpoint" -- "$cur"))
      return ;;
    --redness)
      COMPREPLY=($(compgen -W "0 1 2 3" -- "$cur"))
      return ;;
    --depth | --note | --last | --months | --reason | --every | --sessions | --review | --passes | --pain | --numbing | --serum | --angle)
      return ;;
  esac

  # The command is the first word that is neither an option nor an option's value.
  local i word command=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    case $word in
      --profile | --log | --now | --color) ((i++)) ;;
      -*) ;;
      *) command=$word; break ;;
    esac
  done

  local options
  case $command in
    "") COMPREPLY=($(compgen -W "$commands $globals" -- "$cur")); return ;;
    log)
      # The areas of a sitting, each as AREA or AREA=MM.
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(_roller_names areas)" -- "$cur"))
        return
      fi
      options="--area --depth --roller --at --note --force --passes --pressure --pain --numbing --serum --endpoint" ;;
    next) options="--area --json --ics" ;;
    remind) options="--json --notify --exit-code --install --at --force --uninstall" ;;
    prompt) options="--verbose" ;;
    history) options="--area --since --until --last --json --csv --long --calendar --months" ;;
    stats) options="--json --by" ;;
    react) options="--area --redness --peeling --swelling --severe --at --note --force" ;;
    clean-reminder) options="--json --exit-code" ;;
    clean | replace) options="--roller --at --force" ;;
    hold) options="--until --reason --preset --from --clear --force" ;;
    use)
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(_roller_names products)" -- "$cur"))
        return
      fi
      options="--area --at --note --force" ;;
    course)
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "start stop list" -- "$cur"))
        return
      fi
      options="--area --depth --every --sessions --review --at --json --force" ;;
    photo)
      # The action first, then the photos to add.
      if [[ $cur != -* ]]; then
        if ((COMP_CWORD == i + 1)); then
          COMPREPLY=($(compgen -W "add list" -- "$cur"))
        else
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
      fi
      options="--area --angle --at --note --json --force" ;;
    report) options="--since --until --output -o --format" ;;
    import)
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
      fi
      options="--force" ;;
    init) options="--force --example --list-examples" ;;
    undo | void) options="--force" ;;
    check) options="" ;;
  esac
  COMPREPLY=($(compgen -W "$options --help $globals" -- "$cur"))
}

complete -o default -F _roller roller
