#!/usr/bin/env bash
# Installs the Debian packages the test lab (test/lab/) runs its private servers from: OpenSSH,
# PostgreSQL, MariaDB and OpenLDAP. Run as root on Debian 12. Idempotent: when everything is
# already installed it only checks, without touching apt.
#
# The lab never uses the system-wide services these packages bring: it starts its own instances
# on free high ports in temp dirs. So this script keeps the services from starting during the
# install, and a system instance that does run (on 22, 5432, 3306 or 389) does not get in its way.
set -euo pipefail

PACKAGES=(
  openssh-server  # sshd
  openssh-client  # ssh-keygen (and ssh, for people)
  postgresql      # initdb, postgres (/usr/lib/postgresql/<major>/bin)
  mariadb-server  # mariadb-install-db, mariadbd
  mariadb-client  # the mariadb command, for people
  slapd           # slapd, back_mdb and ppolicy modules, slappasswd
  ldap-utils      # ldapsearch, ldapadd..., for people
  passwd          # useradd, chpasswd, userdel: the SSH tests create real accounts
  procps          # pgrep: the SSH tests wait for a session's processes to end
  sudo            # the SSH built-ins' sudo forms log in as an account with sudo rights
  sed             # GNU sed: values escaped for a template's sed substitution run through it
  python3         # and through a real Python console line
  tcl             # tclsh: and through a real Tcl (wsadmin's Jacl) console line
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-lab-packages: must run as root" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "install-lab-packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive

  # Keep invoke-rc.d from starting the system services during the install (exit 101 = "not
  # allowed"), unless the machine already has such a policy. Ours goes away when we are done.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  # slapd: no system directory of its own (its postinst would otherwise make one for the
  # hostname's domain); the lab writes its own slapd.conf every time.
  echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections

  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-lab-packages: all packages already installed"
fi

# sshd's privilege-separation directory, normally made by its systemd unit, which the lab bypasses.
mkdir -p /run/sshd

# Check what the lab actually runs, so a broken install fails here rather than in a test.
postgres_bin=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)
for file in /usr/sbin/sshd /usr/bin/ssh-keygen /usr/bin/mariadb-install-db /usr/sbin/mariadbd \
  /usr/sbin/slapd /usr/lib/ldap/back_mdb.so /usr/lib/ldap/ppolicy.so /etc/ldap/schema/nis.schema \
  /usr/sbin/useradd /usr/sbin/chpasswd "$postgres_bin"; do
  if [[ -z $file || ! -x $file && ! -f $file ]]; then
    echo "install-lab-packages: missing ${file:-a PostgreSQL server binary} after install" >&2
    exit 1
  fi
done
id postgres >/dev/null
echo "install-lab-packages: ready ($(${postgres_bin} --version), MariaDB $(/usr/sbin/mariadbd --version | grep -o 'Ver [^ ]*' | cut -d' ' -f2), $(/usr/sbin/sshd -V 2>&1 | head -n 1))"
