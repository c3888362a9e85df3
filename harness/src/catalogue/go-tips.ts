// The tutorial's Go build line as a trial in go-api's build image (golang:1.26-trixie), offline:
// a small program (net/http, so the standard library's cgo-aware packages are in it) built with
// CGO_ENABLED=0 alone and with the tutorial's `-a -installsuffix cgo` added, compared by sha256.
import { tipVerdictLine } from './tip-verdict.ts';
import type { TipTrial } from './types.ts';

/**
 * "-a -installsuffix cgo": the flags make a different (static) binary than CGO_ENABLED=0 alone.
 * Identical binaries mean they change nothing: the tutorial's line would be as good without them.
 */
const installSuffix: TipTrial = {
  tip: 'go build -a -installsuffix cgo',
  image: 'golang:1.26-trixie',
  script: [
    'set -e',
    'mkdir -p /tmp/g && cd /tmp/g',
    'printf "module t\\n\\ngo 1.26\\n" > go.mod',
    'printf "package main\\n\\nimport (\\"fmt\\"; \\"net/http\\")\\n\\nfunc main() { fmt.Println(http.StatusOK) }\\n" > main.go',
    'CGO_ENABLED=0 GOOS=linux go build -o plain .',
    'CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o flagged .',
    // The control: the plain build is a static binary (no program interpreter), as the tutorial wants.
    'if grep -q "ld-linux" plain; then echo "control: CGO_ENABLED=0 alone did not make a static binary"; exit 2; fi',
    'plain=$(sha256sum plain | cut -c1-12); flagged=$(sha256sum flagged | cut -c1-12)',
    'size=$(wc -c < plain)',
    `if [ "$plain" = "$flagged" ]; then echo "$(go version | cut -d" " -f3): CGO_ENABLED=0 alone and with -a -installsuffix cgo give the same binary (sha256 $plain, $size bytes)"; echo "${tipVerdictLine['does not hold']}"; exit 1; fi`,
    'echo "the flags change the binary: sha256 $plain without them, $flagged with them"',
    `echo "${tipVerdictLine.holds}"`,
  ].join('\n'),
  instead: 'go-api builds with CGO_ENABLED=0, -trimpath and -ldflags "-s -w" (a static, stripped binary), without -a or -installsuffix',
  because: {
    'does not hold':
      'since Go 1.10 the build cache keys on CGO_ENABLED, so -a (rebuild every package) and -installsuffix cgo (a separate pkg/ folder for installed packages) have nothing left to do: CGO_ENABLED=0 alone makes the static binary',
  },
};

export const goTips: TipTrial[] = [installSuffix];
