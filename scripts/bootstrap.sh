# Source this file: `. scripts/bootstrap.sh && pnpm test`
# Runs scripts/bootstrap, then puts the project's Node 24, pnpm (and Go, if it had to
# install one) first on PATH for this shell. Returns non-zero (without closing your shell) if set-up fails.
_lab_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
if bash "$_lab_root/scripts/bootstrap"; then
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  for _lab_bin in "$_lab_root/.tools/go/bin" "$_lab_root/.tools/node_modules/.bin"; do
    [ -d "$_lab_bin" ] || continue
    case ":$PATH:" in *":$_lab_bin:"*) ;; *) export PATH="$_lab_bin:$PATH" ;; esac
  done
  unset _lab_bin
  unset _lab_root
else
  unset _lab_root
  false
fi
