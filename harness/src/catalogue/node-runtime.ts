// The Node runtime the node-api images copy onto distroless/static: the binary and exactly the
// libraries `ldd /usr/local/bin/node` lists (their runtime-files stage copies those, under the
// directories' real paths). For the allow-lists of every image built that way.
export const nodeRuntimePaths = [
  '/usr/local/bin/node',
  '/usr/lib/*-linux-gnu/{libc.so.6,libdl.so.2,libgcc_s.so.1,libm.so.6,libpthread.so.0,libstdc++.so.6}',
  '/usr/lib64/ld-linux-*.so.2',
  '/usr/lib/ld-linux-*.so.1',
];
