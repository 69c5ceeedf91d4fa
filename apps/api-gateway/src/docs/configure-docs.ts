import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the OpenAPI document generated from the controllers and DTOs: the UI at `/docs`,
 * the JSON at `/docs-json`. ../shared/API.md is the contract; this document must agree with it.
 */
export function configureDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Chat backend API')
    .setDescription(
      'Public contract v1.1 (../shared/API.md). Commands answer 202 { commandId } and report their outcome over the WebSocket ' +
        '(/ws). Errors are { statusCode, error, message }; a 400 names each invalid field.',
    )
    .setVersion('1.1')
    .setLicense('UNLICENSED', 'https://docs.npmjs.com/cli/configuring-npm/package-json#license')
    .addServer('/', 'this gateway')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
  });
}
