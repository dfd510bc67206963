#!/usr/bin/env python3
"""Fitting in with the system: completions, the man page and the install layout.

  fitting_in.py bash ROLLER SOURCE     bash completion: syntax, and what it offers
  fitting_in.py zsh ROLLER SOURCE      zsh completion: syntax, and that compinit loads it
  fitting_in.py fish ROLLER SOURCE     fish completion: syntax, and what it offers
  fitting_in.py man ROLLER SOURCE      roller(1) renders with man -l, without warnings, and
                                       names every command and option --help lists
  fitting_in.py install ROLLER SOURCE BUILD
                                       cmake --install puts every file where it belongs
  fitting_in.py deb ROLLER SOURCE BUILD
                                       CPack builds a .deb with those files under /usr and
                                       the library dependencies; its roller runs

SOURCE is the source tree, BUILD the build tree. Every script and the man page are also
checked against `roller --help`: a command or option they leave out fails the test.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROFILE = """
default_roller = "r050"
[areas.knees]
max_depth_mm = 0.5
[areas.elbows]
max_depth_mm = 0.5
[rollers.r050]
needle_mm = 0.5
[rollers.travel]
needle_mm = 0.25
"""


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, **kw)


def require(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def need(program):
    path = shutil.which(program)
    require(path, f"{program} is not installed (the README's set-up command installs it)")
    return path


def help_surface(roller):
    """The commands `roller --help` lists and the long options of each, from the binary."""
    top = run([roller, "--help"]).stdout
    commands = re.findall(r"^  ([a-z][a-z-]*) ", top.split("Subcommands:")[1], re.M)
    require(len(commands) >= 13, f"could not read the commands from --help: {commands}")
    options = {"": set(re.findall(r"^  (?:-\w,)?(--[a-z-]+)", top.split("Subcommands:")[0], re.M))}
    for command in commands:
        text = run([roller, command, "--help"]).stdout
        options[command] = set(re.findall(r"^  (?:-\w,)?(--[a-z-]+)", text, re.M))
    return commands, options


def check_surface(roller, text, name, option_pattern=r"--{}(?![\w-])"):
    commands, options = help_surface(roller)
    for command in commands:
        require(re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", text),
                f"{name} leaves out the command {command}")
    for command, opts in options.items():
        for option in opts:
            pattern = option_pattern.format(re.escape(option[2:]))
            require(re.search(pattern, text), f"{name} leaves out {option} ({command or 'global'})")


def setup(tmp, roller):
    os.makedirs(os.path.join(tmp, "bin"))
    os.symlink(roller, os.path.join(tmp, "bin", "roller"))
    with open(os.path.join(tmp, "profile.toml"), "w", encoding="utf-8") as f:
        f.write(PROFILE)
    return {"PATH": os.path.join(tmp, "bin") + ":" + os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp, "LANG": "C.UTF-8", "ROLLER_LOG": os.path.join(tmp, "roller.log")}


def test_bash(roller, source, tmp):
    bash = need("bash")
    script = os.path.join(source, "completions", "roller.bash")
    require(run([bash, "-n", script]).returncode == 0, "roller.bash has a syntax error")
    env = setup(tmp, roller)
    profile = os.path.join(tmp, "profile.toml")

    def offers(line):
        words = line.split(" ")
        program = (f"source {script}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
                   f"COMP_CWORD={len(words) - 1}\n_roller\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
        result = run([bash, "--norc", "-c", program], env)
        require(result.returncode == 0, f"bash completion failed on {line!r}: {result.stderr}")
        return set(result.stdout.split())

    require({"log", "next", "history", "stats", "check", "--profile"} <= offers("roller "),
            "bash does not offer the commands")
    require(offers("roller hi") == {"history"}, "bash does not complete 'hi' to history")
    require(offers("roller log --area fore") == {"forehead"}, "bash does not offer areas")
    require(offers(f"roller --profile {profile} log --area ") == {"knees", "elbows"},
            "bash does not follow --profile for area names")
    env["ROLLER_PROFILE"] = profile
    require(offers("roller clean --roller ") == {"r050", "travel"}, "bash does not offer rollers")
    require({"--calendar", "--months", "--csv"} <= offers("roller history --"),
            "bash does not offer history's options")
    require(offers("roller --color a") == {"auto", "always"}, "bash does not offer --color values")
    check_surface(roller, open(script, encoding="utf-8").read(), "roller.bash")
    return "bash completion parses and offers commands, options, areas and rollers"


def test_zsh(roller, source, tmp):
    zsh = need("zsh")
    folder = os.path.join(source, "completions")
    script = os.path.join(folder, "_roller")
    require(run([zsh, "-n", script]).returncode == 0, "_roller has a syntax error")
    env = setup(tmp, roller)
    program = (f"fpath=({folder} $fpath); autoload -U compinit; compinit -u -d {tmp}/zcompdump; "
               "print -r -- ${_comps[roller]}")
    result = run([zsh, "-f", "-c", program], env)
    require(result.stdout.strip() == "_roller", f"compinit does not bind _roller: {result}")
    check_surface(roller, open(script, encoding="utf-8").read(), "_roller")
    return "zsh completion parses and compinit binds it to roller"


def test_fish(roller, source, tmp):
    fish = need("fish")
    script = os.path.join(source, "completions", "roller.fish")
    require(run([fish, "--no-execute", script]).returncode == 0, "roller.fish has a syntax error")
    env = setup(tmp, roller)
    profile = os.path.join(tmp, "profile.toml")

    def offers(line):
        result = run([fish, "--no-config", "-c", f"source {script}; complete -C {line!r}"], env)
        require(result.returncode == 0, f"fish completion failed on {line!r}: {result.stderr}")
        return {row.split("\t")[0] for row in result.stdout.splitlines()}

    require({"log", "next", "history", "stats", "check"} <= offers("roller "),
            "fish does not offer the commands")
    require(offers("roller log --area fore") == {"forehead"}, "fish does not offer areas")
    require(offers(f"roller --profile {profile} log --area ") == {"knees", "elbows"},
            "fish does not follow --profile for area names")
    require(offers(f"roller --profile {profile} clean --roller ") == {"r050", "travel"},
            "fish does not offer rollers")
    require({"--calendar", "--months"} <= offers("roller history --"),
            "fish does not offer history's options")
    check_surface(roller, open(script, encoding="utf-8").read(), "roller.fish",
                  r"-l {}(?![\w-])")
    return "fish completion parses and offers commands, options, areas and rollers"


def test_man(roller, source, tmp):
    man = need("man")
    page = os.path.join(source, "docs", "roller.1")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MANWIDTH": "80", "LANG": "C.UTF-8",
           "MAN_KEEP_FORMATTING": "", "HOME": tmp}
    result = run([man, "--warnings=all", "-l", page], env)
    require(result.returncode == 0, f"man -l failed: {result.stderr}")
    require(result.stderr == "", f"man -l warns:\n{result.stderr}")
    text = re.sub(r".\x08", "", result.stdout)
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "FILES",
                    "ENVIRONMENT", "EXIT STATUS", "EXAMPLES", "SEE ALSO"):
        require(re.search(rf"^{heading}$", text, re.M), f"the man page has no {heading} section")
    for variable in ("ROLLER_PROFILE", "ROLLER_LOG", "ROLLER_NOW", "XDG_CONFIG_HOME",
                     "XDG_DATA_HOME", "NO_COLOR", "TZ"):
        require(variable in text, f"the man page leaves out {variable}")
    for status in ("0", "1", "2", "3"):
        require(re.search(rf"^\s+{status}\s", text, re.M), f"the man page leaves out status {status}")
    version = run([roller, "--version"]).stdout.split()[-1]
    require(version in text, f"the man page does not carry the version {version}")
    check_surface(roller, text, "roller(1)", r"--{}(?![\w-])")
    return "roller(1) renders with man -l, warns of nothing, and covers every command and option"


def test_install(roller, source, tmp, build):
    prefix = os.path.join(tmp, "prefix")
    result = run(["cmake", "--install", build, "--prefix", prefix])
    require(result.returncode == 0, f"cmake --install failed: {result.stderr}")
    expected = {
        "bin/roller": None,
        "share/man/man1/roller.1.gz": None,
        "share/bash-completion/completions/roller": "completions/roller.bash",
        "share/zsh/vendor-completions/_roller": "completions/_roller",
        "share/fish/vendor_completions.d/roller.fish": "completions/roller.fish",
        "share/roller/profile.toml": "config/profile.toml",
        "share/doc/roller/README.md": "README.md",
    }
    for path, original in expected.items():
        full = os.path.join(prefix, path)
        require(os.path.isfile(full), f"cmake --install did not install {path}")
        if original:
            with open(full, "rb") as a, open(os.path.join(source, original), "rb") as b:
                require(a.read() == b.read(), f"{path} differs from {original}")
    require(os.access(os.path.join(prefix, "bin/roller"), os.X_OK), "bin/roller is not executable")
    result = run([os.path.join(prefix, "bin/roller"), "--version"])
    require(result.returncode == 0 and "roller" in result.stdout, "the installed roller does not run")
    man = need("man")
    result = run([man, "-l", os.path.join(prefix, "share/man/man1/roller.1.gz")],
                 {"PATH": os.environ.get("PATH", ""), "MANWIDTH": "80", "HOME": tmp})
    require(result.returncode == 0 and "roller" in result.stdout, "the installed man page does not render")
    return "cmake --install places the binary, man page, completions, profile and README"


def test_deb(roller, source, tmp, build):
    need("dpkg-deb")
    need("dpkg-shlibdeps")
    out = os.path.join(tmp, "out")
    result = run(["cpack", "-G", "DEB", "-B", out, "--config",
                  os.path.join(build, "CPackConfig.cmake")])
    require(result.returncode == 0, f"cpack failed: {result.stdout}{result.stderr}")
    debs = [f for f in os.listdir(out) if re.fullmatch(r"roller_[0-9.]+_[a-z0-9]+\.deb", f)]
    require(len(debs) == 1, f"cpack made {os.listdir(out)}, not one roller_VERSION_ARCH.deb")
    deb = os.path.join(out, debs[0])
    fields = run(["dpkg-deb", "-f", deb]).stdout
    require(re.search(r"^Package: roller$", fields, re.M), f"the package is not named roller:\n{fields}")
    # Every shared library the binary needs is a declared dependency (a static build needs
    # none).
    depends = re.search(r"^Depends: (.*)$", fields, re.M)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(lib[a-z+_-]*)", run(["readelf", "-d", roller]).stdout)
    packages = {"libc": "libc6", "libm": "libc6", "libstdc++": "libstdc++6", "libgcc_s": "libgcc-s1",
                "libfmt": "libfmt9", "libtomlplusplus": "libtomlplusplus3"}
    for library in needed:
        package = packages.get(library, library)
        require(depends and package in depends.group(1),
                f"the binary needs {library} but the package does not depend on {package}")
    contents = run(["dpkg-deb", "-c", deb]).stdout
    for path in ("./usr/bin/roller", "./usr/share/man/man1/roller.1.gz",
                 "./usr/share/bash-completion/completions/roller",
                 "./usr/share/zsh/vendor-completions/_roller",
                 "./usr/share/fish/vendor_completions.d/roller.fish",
                 "./usr/share/roller/profile.toml"):
        require(re.search(rf" {re.escape(path)}$", contents, re.M), f"the package lacks {path}")
    root = os.path.join(tmp, "root")
    require(run(["dpkg-deb", "-x", deb, root]).returncode == 0, "dpkg-deb -x failed")
    result = run([os.path.join(root, "usr/bin/roller"), "--version"])
    require(result.returncode == 0 and "roller" in result.stdout, "the packaged roller does not run")
    return f"{debs[0]} holds every file under /usr and depends on its libraries"


def main():
    mode, roller, source = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    tmp = tempfile.mkdtemp(prefix="roller-fit-")
    try:
        tests = {"bash": test_bash, "zsh": test_zsh, "fish": test_fish, "man": test_man}
        if mode in ("install", "deb"):
            test = test_install if mode == "install" else test_deb
            message = test(roller, source, tmp, os.path.abspath(sys.argv[4]))
        else:
            message = tests[mode](roller, source, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok:", message)


if __name__ == "__main__":
    main()
