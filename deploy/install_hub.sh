#!/usr/bin/env bash
# A class's JupyterHub on one machine (Debian or Ubuntu), as root, from a checkout of the course:
#
#     sudo bash deploy/install_hub.sh INSTRUCTOR ROSTER.csv
#
# ROSTER.csv is nbgrader's roster (id,first_name,last_name,email). It installs the course read-only
# for everybody in /opt/nn-backprop (an environment with the course, nbgrader and JupyterHub, its
# kernel registered in it for the servers on the machine), configurable-http-proxy from npm, nbgrader's
# exchange in /srv/nbgrader/exchange and its settings in /etc/jupyter/nbgrader_config.py, a system
# user for every student in the roster who has none (no password yet: set them with chpasswd, or use
# LTI), the course folder in INSTRUCTOR's home with the five levels and the roster imported, and a
# systemd unit. Then: systemctl start jupyterhub; the hub listens on port 8000 (put TLS in front).
# Not run by the tests (it changes the machine); tests/test_jupyterhub.py runs the same
# jupyterhub_config.py and nbgrader settings with folders of its own.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "run as root (sudo): it installs for every user" >&2; exit 1; }
[ $# -eq 2 ] || { echo "usage: sudo bash deploy/install_hub.sh INSTRUCTOR ROSTER.csv" >&2; exit 2; }
INSTRUCTOR=$1
ROSTER=$(realpath "$2")
REPO=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=/opt/nn-backprop
EXCHANGE=/srv/nbgrader/exchange
id -u "$INSTRUCTOR" >/dev/null 2>&1 || { echo "no user $INSTRUCTOR: create the instructor's account first" >&2; exit 1; }

echo "[hub] system packages: python3-venv, node and npm"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv nodejs npm >/dev/null

echo "[hub] the course, read-only for everybody, in $PREFIX/course"
rm -rf "$PREFIX/course.new" && mkdir -p "$PREFIX/course.new"
tar -C "$REPO" --exclude=.venv --exclude=.git --exclude=deploy/node_modules --exclude=build --exclude=artifacts -cf - . \
    | tar -C "$PREFIX/course.new" -xf -
rm -rf "$PREFIX/course" && mv "$PREFIX/course.new" "$PREFIX/course"
chmod -R a+rX,go-w "$PREFIX/course"

echo "[hub] the environment $PREFIX/env (course, nbgrader, JupyterHub; a few minutes)"
[ -x "$PREFIX/env/bin/python" ] || python3 -m venv "$PREFIX/env"
"$PREFIX/env/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$PREFIX/course/requirements.txt" -r "$PREFIX/course/deploy/requirements-hub.txt" "$PREFIX/course[digits]"
# the kernel every notebook and nbgrader use ("python3", the name in the notebooks), in the environment every server runs from
"$PREFIX/env/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (nn-backprop)"
"$PREFIX/env/bin/python" -c "import nnlib, nbgrader, jupyterhub; print('[hub] environment ok: nbgrader', nbgrader.__version__, 'jupyterhub', jupyterhub.__version__)"

echo "[hub] configurable-http-proxy (npm, the version deploy/package-lock.json pins)"
npm ci --prefix "$PREFIX/course/deploy" --no-audit --no-fund --loglevel=error

echo "[hub] nbgrader's exchange $EXCHANGE and its settings"
mkdir -p "$EXCHANGE" /etc/jupyter /etc/nn-backprop
chmod 0777 "$EXCHANGE"   # every user writes into it; nbgrader keeps inbound/ unlistable
install -m 0644 "$PREFIX/course/deploy/jupyter/common/nbgrader_config.py" /etc/jupyter/nbgrader_config.py

echo "[hub] students' accounts (from the roster)"
created=()
while IFS=, read -r sid _; do
    sid=${sid//$'\r'/}
    [ -z "$sid" ] || [ "$sid" = id ] && continue
    if ! id -u "$sid" >/dev/null 2>&1; then
        useradd --create-home --shell "$(command -v bash)" "$sid" && created+=("$sid")
    fi
    chmod 0700 "$(getent passwd "$sid" | cut -d: -f6)"
done < "$ROSTER"
echo "[hub] created ${#created[@]} accounts${created:+: ${created[*]}}; set their passwords (chpasswd < file of name:password lines)"

echo "[hub] the course folder ~$INSTRUCTOR/nn-backprop"
HOME_I=$(getent passwd "$INSTRUCTOR" | cut -d: -f6)
COURSE="$HOME_I/nn-backprop"
n=0
for nb in 01_kid 02_high_school 03_undergraduate 04_graduate 05_phd; do
    n=$((n + 1))
    mkdir -p "$COURSE/source/level$n"
    cp "$PREFIX/course/solutions/$nb.ipynb" "$COURSE/source/level$n/"
done
cp "$PREFIX/course/nbgrader/nbgrader_config.py" "$COURSE/"
cp "$ROSTER" "$COURSE/roster.csv"
chown -R "$INSTRUCTOR:" "$COURSE"
chmod 0700 "$HOME_I" "$COURSE"   # students must not read source/ (the solutions) or the gradebook
runuser -u "$INSTRUCTOR" -- env PATH="$PREFIX/env/bin:$PATH" bash -c "cd '$COURSE' && nbgrader db student import roster.csv"

echo "[hub] systemd unit"
cat > /etc/nn-backprop/hub.env <<ENV
COURSE_HUB_AUTH=pam
COURSE_ROSTER=$COURSE/roster.csv
COURSE_INSTRUCTORS=$INSTRUCTOR
COURSE_ENV=$PREFIX/env
COURSE_HUB_STATE=/srv/jupyterhub
NBGRADER_COURSE_DIR=$COURSE
NBGRADER_EXCHANGE_ROOT=$EXCHANGE
PATH=$PREFIX/env/bin:/usr/local/bin:/usr/bin:/bin
ENV
mkdir -p /srv/jupyterhub && chmod 0700 /srv/jupyterhub
install -m 0644 "$PREFIX/course/deploy/jupyterhub.service" /etc/systemd/system/jupyterhub.service
if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; then
    systemctl daemon-reload && systemctl enable jupyterhub >/dev/null
    echo "[hub] done: systemctl start jupyterhub, then open http://THIS-MACHINE:8000 (put TLS in front)"
else
    echo "[hub] done (no systemd here): set -a; . /etc/nn-backprop/hub.env; cd /srv/jupyterhub && $PREFIX/env/bin/jupyterhub -f $PREFIX/course/deploy/jupyterhub_config.py"
fi
