import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from '../errors/error-catalog';
import { CATALOGS } from '../errors/messages';

/** The envelope every response uses: `ApiResponseOf<T>`. */
export type ApiResponseOf<T> = Ok<T> | { success: false; error: ApiErrorBody };
export type Ok<T> = { success: true; data: T };

/**
 * The success envelope. Controllers return `ok(result)`; errors get theirs from
 * `StripeConnectExceptionFilter`. Not an interceptor: with any interceptor, Nest
 * builds a chain of rxjs Observables for every request (bench/JOURNAL.md).
 */
export function ok<T>(data: T): Ok<T> {
  return { success: true, data };
}

export interface ApiErrorBody {
  code: string;
  message: string;
  i18nKey: ErrorKey;
  i18nVars?: I18nVars;
  details?: ErrorDetail[];
  correlationId: string;
}

// Swagger models of the envelope.
class ApiErrorDetailDto implements ErrorDetail {
  @ApiPropertyOptional({ example: 'note', description: 'The input field, as a dotted path, when the problem is about one' }) field?: string;
  @ApiProperty({ example: 'property note should not exist' }) message: string;
}

export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 'STRIPE_ACCOUNT_NOT_ACTIVE' }) code: string;
  @ApiProperty({ example: CATALOGS.en['creator.stripe.not_active'] }) message: string;
  @ApiProperty({ enum: Object.keys(ERROR_CATALOG), example: 'creator.stripe.not_active' }) i18nKey: ErrorKey;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) i18nVars?: I18nVars;
  @ApiPropertyOptional({ type: [ApiErrorDetailDto] }) details?: ApiErrorDetailDto[];
  @ApiProperty({ format: 'uuid', description: 'Also in the X-Request-Id header and the server log line' }) correlationId: string;
}

export class ApiErrorResponseDto {
  @ApiProperty({ enum: [false] }) success: false;
  @ApiProperty({ type: ApiErrorDto }) error: ApiErrorDto;
}

/** Documents a 2xx answer as `{ success: true, data: T }`. */
export function ApiEnvelopeResponse(status: number, data: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(data),
    ApiResponse({
      status,
      description,
      schema: {
        type: 'object',
        required: ['success', 'data'],
        properties: { success: { type: 'boolean', enum: [true] }, data: { $ref: getSchemaPath(data) } },
      },
    }),
  );
}

/** Documents the error envelope once per status, with the table of keys a client can get from this route. */
export function ApiErrorResponses(...keys: ErrorKey[]) {
  const byStatus = new Map<number, ErrorKey[]>();
  for (const key of keys) {
    const status = ERROR_CATALOG[key].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), key]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, statusKeys]) =>
      ApiResponse({
        status,
        type: ApiErrorResponseDto,
        description: statusKeys.map((key) => `\`${key}\` (${ERROR_CATALOG[key].code}): ${CATALOGS.en[key]}`).join('<br>'),
      }),
    ),
  );
}
