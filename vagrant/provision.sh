#!/usr/bin/env bash
# Provision the lab VM (Ubuntu 22.04): Docker Engine with the Compose v2 and buildx plugins from
# Docker's apt repository, make, and the settings the lab stack needs inside a VM.
# Run by `vagrant up` as root; running it again changes nothing that is already in place.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
lab_user=${LAB_USER:-vagrant}

log() {
  echo "[provision] $*"
}

# --- Docker Engine and Compose v2 ------------------------------------------------------
if docker compose version >/dev/null 2>&1; then
  log "Docker and Compose v2 already installed: $(docker compose version)"
else
  log "installing Docker Engine and the Compose v2 plugin from Docker's apt repository"
  apt-get update -qq
  apt-get install -y -qq ca-certificates curl gnupg make

  install -m 0755 -d /etc/apt/keyrings
  curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc
  chmod a+r /etc/apt/keyrings/docker.asc

  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  architecture=$(dpkg --print-architecture)
  echo "deb [arch=$architecture signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu $codename stable" \
    >/etc/apt/sources.list.d/docker.list

  apt-get update -qq
  apt-get install -y -qq docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin
fi

if ! command -v make >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq make
fi

systemctl enable --now docker

# Membership takes effect at the next login, so `vagrant ssh` after provisioning has it.
if ! id -nG "$lab_user" | tr ' ' '\n' | grep -qx docker; then
  usermod -aG docker "$lab_user"
  log "added $lab_user to the docker group"
fi

# --- lab settings ------------------------------------------------------------------------
# Published ports must listen on every interface of the VM, because VirtualBox forwards the
# host's ports to the VM's NAT address, not to its 127.0.0.1. A fixed project name keeps
# containers named netsec-lab-* instead of vagrant-* (the synced folder's name).
# pam_env reads /etc/environment for every SSH session, `vagrant ssh -c` included.
set_environment() {
  local name=$1 value=$2
  if grep -q "^$name=" /etc/environment; then
    sed -i "s|^$name=.*|$name=$value|" /etc/environment
  else
    echo "$name=$value" >>/etc/environment
  fi
}
set_environment LAB_HOST_ADDR 0.0.0.0
set_environment COMPOSE_PROJECT_NAME netsec-lab

log "ready: $(docker --version), $(docker compose version)"
log "start the lab with: vagrant ssh -c 'cd /vagrant && make lab-start'"
