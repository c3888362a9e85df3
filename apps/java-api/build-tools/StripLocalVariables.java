// Rewrites every jar in a folder without the classes' local-variable tables, as jlink's
// --strip-debug does for the JDK's own classes: names of local variables are for debuggers only
// (Spring takes parameter names from the MethodParameters attribute, which stays), and they were
// 1.1 MB of the jars and 1.1 MB of the AOT cache, which keeps every loaded method's table. Line
// numbers stay, for stack traces. Entry order and times are kept, so the same jars give the same bytes.
// Run by the Dockerfile's libs stage: java StripLocalVariables.java DIR
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

public class StripLocalVariables {

	public static void main(String[] args) throws Exception {
		List<Path> jars = new ArrayList<>();
		try (var listing = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
			listing.forEach(jars::add);
		}
		Collections.sort(jars);
		URL[] urls = new URL[jars.size()];
		for (int i = 0; i < urls.length; i++) {
			urls[i] = jars.get(i).toUri().toURL();
		}
		// Rewritten code gets new stack maps, which need the class hierarchy: the JDK's and the jars'.
		var hierarchy = ClassHierarchyResolver.defaultResolver()
			.orElse(ClassHierarchyResolver.ofResourceParsing(new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())));
		var classFile = ClassFile.of(ClassFile.DebugElementsOption.DROP_DEBUG, ClassFile.ClassHierarchyResolverOption.of(hierarchy));
		var rewrite = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL);
		long before = 0;
		long after = 0;
		for (Path jar : jars) {
			before += Files.size(jar);
			Path stripped = jar.resolveSibling(jar.getFileName() + ".stripped");
			try (var in = new ZipFile(jar.toFile()); var out = new ZipOutputStream(Files.newOutputStream(stripped))) {
				for (ZipEntry entry : Collections.list(in.entries())) {
					byte[] data = in.getInputStream(entry).readAllBytes();
					if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
						data = classFile.transformClass(classFile.parse(data), rewrite);
					}
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setTime(entry.getTime());
					out.putNextEntry(copy);
					out.write(data);
					out.closeEntry();
				}
			}
			Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
			after += Files.size(jar);
		}
		System.out.printf("%d jars without local-variable tables: %d -> %d bytes%n", jars.size(), before, after);
	}
}
