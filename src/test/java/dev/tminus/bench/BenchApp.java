package dev.tminus.bench;

import java.io.IOException;

import dev.tminus.TMinusApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The app as the bench starts it, in its own JVM (at {@code -Xmx256m}): the real
 * application with the {@code bench} profile, whose seeder and statement probe live in
 * this package. The JVM runs on the test class path, so everything else compiled from
 * {@code src/test} (test configurations, the test clock) is kept out of the component
 * scan.
 */
public final class BenchApp {

	private BenchApp() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(TMinusApplication.class).profiles("bench")
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("benchOnlyFromTestClasses", new OnlyBenchFromTestClasses()))
			.run(args);
	}

	/** Scans classes from {@code test-classes} only when they are the bench's own. */
	static final class OnlyBenchFromTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			String location = reader.getResource().getURL().toString();
			return location.contains("/test-classes/")
					&& !reader.getClassMetadata().getClassName().startsWith(BenchApp.class.getPackageName() + ".");
		}

		@Override
		public boolean equals(Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
