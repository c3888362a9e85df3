// The fork's GitHub Actions workflow: the test target, the production image with VERSION and
// REVISION from git, its size budget and non-root user, Compose bringing it up healthy, and on a
// version tag a push to the GitHub container registry. Plain `docker` commands (buildx on the
// runner), so what CI runs is what the README tells a person to run. Checked with actionlint.
import { secretEnv } from './fork-readme.ts';

export const workflowFile = '.github/workflows/image.yml';

export interface WorkflowInput {
  testTarget: string;
  /** The production image's uncompressed size budget, bytes. */
  sizeBudgetBytes: number;
  composeFile: string;
  productionService: string;
  /** Build secrets the Dockerfile mounts (ids). */
  secrets: string[];
}

export function renderWorkflow(input: WorkflowInput): string {
  const secretFlags = input.secrets.map((id) => ` --secret id=${id},env=${secretEnv(id)}`).join('');
  const secretEnvLines = input.secrets.map((id) => `      ${secretEnv(id)}: \${{ secrets.${secretEnv(id)} }}`);
  const compose = input.composeFile === 'compose.yaml' ? 'docker compose' : `docker compose -f ${input.composeFile}`;
  return `# Builds, tests and ships the image (README.md, "CI"). Every push and pull request: the
# ${input.testTarget} target (the tests run inside the build), the production image with VERSION and
# REVISION from git, its size budget and non-root user, and Compose bringing it up healthy.
# A tag v<version> also pushes it to the GitHub container registry.
name: image

on:
  push:
    branches: [main]
    tags: ["v*"]
  pull_request:

permissions:
  contents: read

concurrency:
  group: image-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  image:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    permissions:
      contents: read
      packages: write
    env:
      # The production image's budget, uncompressed (README.md, "Keeping the contract"). Raise it
      # on purpose, with the reason in the commit.
      SIZE_BUDGET_BYTES: "${input.sizeBudgetBytes}"
${secretEnvLines.join('\n')}${secretEnvLines.length ? '\n' : ''}    steps:
      - uses: actions/checkout@v4
        with:
          # git describe needs the tags.
          fetch-depth: 0

      - name: Version and revision from git
        id: meta
        run: |
          version="$(git describe --tags --always --dirty)"
          {
            echo "version=\${version#v}"
            echo "revision=$(git rev-parse HEAD)"
            echo "source=\${GITHUB_SERVER_URL}/\${GITHUB_REPOSITORY}"
            echo "image=ghcr.io/\${GITHUB_REPOSITORY,,}"
          } >> "$GITHUB_OUTPUT"

      - name: Tests (the ${input.testTarget} target)
        run: docker build --target ${input.testTarget}${secretFlags} .

      - name: Production image
        env:
          VERSION: \${{ steps.meta.outputs.version }}
          REVISION: \${{ steps.meta.outputs.revision }}
          SOURCE: \${{ steps.meta.outputs.source }}
          IMAGE: \${{ steps.meta.outputs.image }}
        run: |
          docker build${secretFlags} \\
            --build-arg VERSION="$VERSION" \\
            --build-arg REVISION="$REVISION" \\
            --build-arg SOURCE="$SOURCE" \\
            --tag "$IMAGE:$VERSION" .
          docker image inspect --format '{{json .Config.Labels}}' "$IMAGE:$VERSION"

      - name: Size budget and a non-root user
        env:
          IMAGE: \${{ steps.meta.outputs.image }}:\${{ steps.meta.outputs.version }}
        run: |
          # The bytes of the regular files of every layer, read from docker save: the same figure
          # on the classic image store (where it is inspect's Size) and on the containerd one
          # (where inspect's Size is the compressed content). GNU tar reads gzip'd layers as they are.
          saved="$(mktemp -d)"
          docker save "$IMAGE" | tar -x -C "$saved"
          size=0
          for layer in $(jq -r '.[0].Layers[]' "$saved/manifest.json"); do
            bytes="$(tar -tvf "$saved/$layer" | awk '$1 ~ /^-/ { sum += $3 } END { printf "%.0f", sum }')"
            size=$((size + bytes))
          done
          rm -rf "$saved"
          echo "size: $size bytes (budget $SIZE_BUDGET_BYTES)"
          if [ "$size" -gt "$SIZE_BUDGET_BYTES" ]; then
            echo "::error::the image is $size bytes, over its budget of $SIZE_BUDGET_BYTES"
            exit 1
          fi
          user="$(docker image inspect --format '{{.Config.User}}' "$IMAGE")"
          echo "user: $user"
          case "$user" in
            "" | 0 | 0:* | root | root:*)
              echo "::error::the image runs as root (USER '$user'): set a numeric USER uid:gid"
              exit 1
              ;;
          esac

      - name: Compose brings the production service up healthy
        env:
          VERSION: \${{ steps.meta.outputs.version }}
          REVISION: \${{ steps.meta.outputs.revision }}
        run: ${compose} up --build --wait --wait-timeout 120 -d ${input.productionService}

      - name: Compose logs and clean-up
        if: always()
        run: |
          ${compose} logs
          ${compose} down --volumes

      - name: Push to the GitHub container registry
        if: startsWith(github.ref, 'refs/tags/v')
        env:
          IMAGE: \${{ steps.meta.outputs.image }}:\${{ steps.meta.outputs.version }}
          REGISTRY_TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: |
          echo "$REGISTRY_TOKEN" | docker login ghcr.io --username "$GITHUB_ACTOR" --password-stdin
          docker push "$IMAGE"
`;
}
