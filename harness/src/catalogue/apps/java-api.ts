import { defineApp } from '../define-app.ts';
import { junitFailure, nothingToRunFetchOrBuild } from '../presets.ts';
import { MB } from '../types.ts';

// Tutorial Example 5 and the Java row of its size table: a Spring Boot 4 service on Java 25,
// built with Maven, shipped on a Java runtime that jlink cuts to the modules jdeps finds, with the
// shared libraries it links, on distroless/static. Figures are in apps/java-api/README.md.
export default defineApp({
  name: 'java-api',
  title: "Spring Boot 4 on Java 25: a jlink runtime and the jar's layers on distroless/static (Example 5)",
  forkable: true,
  limits: {
    // Measured figures: figures/*.json (catalogue/measured.ts). Production ships the JVM AOT cache:
    // the image without it (the no-aot-cache alternative below) plus the cache.
    uncompressedBytes: {
      // The goal of issue 22: 119.57 MB recorded (pnpm verify --record, 7 Dec 2026) since the
      // smaller class set.
      limit: 120 * MB,
      loosened: {
        from: 100 * MB,
        why: 'The 100 MB was for the image without an AOT cache, which keeps it (the no-aot-cache alternative, 78.7 MB). Production ships the JVM AOT cache since it halves the start: healthy in 1.79 s against 3.19 s without it (pnpm bench --runs 3, quiet machine, 27 Nov 2026), 2.5 times less CPU to start: 137.0 MB with a 52 MB cache (7 Dec 2026), 119.6 MB with a 40.9 MB cache after the class set shrank (7 Dec 2026).',
      },
    },
    // gzip gains little on jars and on a runtime whose lib/modules jlink has already compressed.
    compressedBytes: {
      // 64.1 MB recorded with the smaller class set (7 Dec 2026).
      limit: 66 * MB,
      loosened: {
        from: 45 * MB,
        why: "Set at 45 MB for the image without an AOT cache before it was measured: gzip gains little on jars and on a lib/modules jlink has already compressed (the no-aot-cache build is 61.4 MB gzip'd for 87.3 MB), and the shipped AOT cache adds about 15 MB: 75.95 MB measured (pnpm verify, 27 Nov 2026), 72.2 MB with Spring AOT and fewer dependencies (7 Dec 2026).",
      },
    },
    // The goal is 3 s on a quiet 2-core machine (bench); the contract allows for a machine
    // that is building other images at the same time. apps/java-api/README.md has the variants tried.
    healthyWithinMs: {
      limit: 15_000,
      goal: 3_000,
      loosened: {
        from: 10_000,
        why: 'pnpm verify on the shared 2-core machine while it built other images: healthy in 8.83 s at load average 14, 8.8-10 s at load 14-19, 3.5 s at load 10.5 (median of 3); 10 s left no room. On a quiet machine (load 1.0) the bench median is 1.79 s, under the 3 s goal.',
      },
    },
    // Spring Boot's graceful shutdown gives requests 1.5 s; idle, the JVM exits in well under 1 s.
    stopWithinMs: { limit: 2_000 },
  },
  service: { port: 8080, healthPath: '/readyz', versionPath: '/version' },
  deny: [
    // The JDK's development tools and data, in any Java home.
    '**/bin/javac',
    '**/bin/jlink',
    '**/bin/jdeps',
    '**/bin/jar',
    '**/bin/jmod',
    '**/bin/jshell',
    '**/bin/javadoc',
    '**/bin/jpackage',
    '**/jmods/**',
    '**/lib/ct.sym',
    '**/lib/src.zip',
    // The imaging, sound and splash-screen libraries the jlink step leaves out (java.desktop is
    // there for java.beans only): one would be the builder JDK's, copied in by the ldd step.
    '**/lib/libawt*.so',
    '**/lib/libfontmanager.so',
    '**/lib/libjavajpeg.so',
    '**/lib/liblcms.so',
    '**/lib/libjsound.so',
    '**/lib/libmlib_image.so',
    '**/lib/libsplashscreen.so',
    // Maven, its repository and settings.
    '**/bin/mvn',
    '/usr/share/maven/**',
    '**/apache-maven*/**',
    '**/.m2/**',
    // Build and test dependencies: devtools, the layer tools, JUnit and the test libraries.
    '**/spring-boot-devtools*.jar',
    '**/spring-boot-jarmode-tools*.jar',
    '**/spring-boot-test*.jar',
    '**/spring-test-*.jar',
    '**/junit-*.jar',
    '**/mockito-*.jar',
    '**/assertj-*.jar',
    // Sources, build output and build files.
    '/src/**',
    '**/*.java',
    '**/pom.xml',
    '/app/target/**',
    // Nothing that could run a script, fetch a file or build one.
    ...nothingToRunFetchOrBuild,
    '**/bin/objcopy',
    '**/bin/strip',
    '**/bin/python3*',
  ],
  // What the image adds to distroless/static: the runtime, the libraries ldd names, the jar's
  // layers, the AOT cache, the health probe and Tomcat's empty folders.
  allow: {
    paths: [
      '/opt/java/openjdk/**',
      '/usr/lib/*-linux-gnu/{libc.so.6,libgcc_s.so.1,libm.so.6,libstdc++.so.6,libz.so.1}',
      '/usr/lib64/ld-linux-*.so.2',
      '/usr/local/bin/healthprobe',
      '/app/java-api.jar',
      '/app/java-api.aot',
      '/app/lib/*.jar',
      '/app/public',
      '/app/tomcat/work/Tomcat/localhost/ROOT',
    ],
  },
  runs: [
    {
      // The runtime's own module list: what jdeps found, and none of the JDK's tools.
      entrypoint: ['/opt/java/openjdk/bin/java'],
      command: ['--list-modules'],
      expectOutput: 'java.base@25',
      forbidOutput: ['jdk.compiler', 'jdk.jlink', 'jdk.jdeps', 'jdk.jartool', 'jdk.jshell', 'jdk.javadoc'],
      report: 'Modules of the jlink runtime',
    },
  ],
  development: {
    mounts: [{ source: 'src', target: '/src/src' }],
    probePath: '/',
    edit: { file: 'src/main/java/com/example/javaapi/InfoController.java', search: 'Hello from java-api', replace: 'Hello again from java-api' },
    // javac of the sources, then a devtools restart of the app.
    reloadWithinMs: { limit: 30_000, measured: 6_810 },
  },
  test: junitFailure('com.example.javaapi'),
  cache: {
    edit: {
      file: 'src/main/java/com/example/javaapi/JavaApiApplication.java',
      append: '\n// A one-line source change: the dependency steps must stay cached.\n',
    },
    // Maven's downloads, and the runtime that jdeps and jlink make and the jars the libs stage
    // strips, from pom.xml alone.
    dependencySteps: [
      'mvn dependency:go-offline',
      'dependency:copy-dependencies -DincludeScope=runtime -DexcludeArtifactIds',
      'jlink --add-modules',
      'StripLocalVariables.java',
    ],
    // The sources, the jar and its layers.
    rebuiltSteps: ['COPY src ./src', 'mvn package -DskipTests', 'extract --layers'],
    // The AOT training stays cached: a comment changes no byte of the jar. The measured ratio:
    // figures/bench.json (`pnpm bench`).
    maxRebuildRatio: { limit: 0.25 },
  },
  alternatives: [
    {
      name: 'no-aot-cache',
      title: 'without the JVM AOT cache (--build-arg AOT_CACHE=off)',
      buildArgs: { AOT_CACHE: 'off' },
      // Without an AOT cache the goal is 85 MB: the runtime and libraries, the dependencies and
      // distroless/static. Without the cache the JVM takes longer to start; the limit is for a busy machine.
      limits: {
        // 88 MB holds the committed bench figure (87.3 MB); 78.7 MB since the smaller class set
        // (7 Dec 2026): 85 MB, issue 22's goal, once the bench has recorded it.
        uncompressedBytes: { limit: 88 * MB },
        healthyWithinMs: {
          limit: 45_000,
          loosened: {
            from: 10_000,
            why: 'This build was production (10 s) until the AOT cache shipped. Without the cache the JVM also decompresses the classes jlink compressed: 28.5 s to healthy on the busy machine (load average 14) that gave production 8.8 s, 13 s in its first measurement, 3.19 s on a quiet one (pnpm bench --runs 3, 27 Nov 2026).',
          },
        },
      },
    },
  ],
});
