package dev.tminus.api.internal;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/v1}, generated from the controllers by
 * springdoc; served at {@code /api-docs} with a Swagger UI at {@code /api-docs/ui}, both
 * behind sign-in.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "T-Minus automation API", version = "v1",
		description = "Scripts and pipelines read cutovers and record step and gate results, notes and rollback "
				+ "triggers. Authenticate with a personal access token (Account → API tokens): "
				+ "Authorization: Bearer tmn_.... Errors are RFC 9457 problem details. Send an Idempotency-Key "
				+ "header so that a retried request never records twice."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "tmn_ token")
class OpenApiConfiguration {

}
