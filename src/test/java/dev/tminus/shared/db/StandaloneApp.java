package dev.tminus.shared.db;

import java.io.IOException;

import dev.tminus.TMinusApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The real application in its own JVM, as the fault-injection tests start, kill and start
 * it again (see {@link AppProcess}). It runs on the test class path, so of everything
 * compiled from {@code src/test} only this package's {@link FaultSeeder} is scanned.
 */
public final class StandaloneApp {

	private StandaloneApp() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(TMinusApplication.class)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("onlyThisPackageFromTestClasses", new OnlyThisPackageFromTestClasses()))
			.run(args);
	}

	static final class OnlyThisPackageFromTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			String location = reader.getResource().getURL().toString();
			return location.contains("/test-classes/")
					&& !reader.getClassMetadata().getClassName().startsWith(FaultSeeder.class.getName());
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
