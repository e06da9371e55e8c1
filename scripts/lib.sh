# Shared by the project's scripts: install what is missing, build, install.
# Sourced, not run.

# Debian packages the build, the demo and the tests need.
AGENTIC_PACKAGES=(
  make g++ cmake libgtest-dev valgrind
  postgresql-15 postgresql-server-dev-15 postgresql-common
  postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl sqlsmith
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the packages of AGENTIC_PACKAGES that are not installed yet.
ensure_packages() {
  local missing=() pkg
  for pkg in "${AGENTIC_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Builds the extension with PGXS and installs it into the server.
build_and_install_extension() {
  echo "== building and installing the extension"
  make -s -j"$(nproc)"
  as_root make -s install
}
