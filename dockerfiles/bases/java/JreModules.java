// Prints, comma-separated, the modules of a JRE as the OpenJDK build makes one (make/Images.gmk,
// JRE_MODULES): those the boot and platform class loaders define (make/conf/module-loader-map.conf),
// and jdk.jdwp.agent. Run with --add-modules ALL-SYSTEM, so that every module of the JDK is in the
// boot layer; the JDK's tools (javac, jlink, jshell, ...) are defined by the application loader.
void main() {
    var platform = ClassLoader.getPlatformClassLoader();
    var modules = new java.util.TreeSet<String>();
    for (var module : ModuleLayer.boot().modules()) {
        var loader = module.getClassLoader();
        if (loader == null || loader == platform) {
            modules.add(module.getName());
        }
    }
    modules.add("jdk.jdwp.agent");
    IO.println(String.join(",", modules));
}
