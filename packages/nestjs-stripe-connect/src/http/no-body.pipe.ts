import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { ErrorDetail } from '../errors/error-catalog';
import { StripeConnectException } from '../errors/stripe-connect.exception';

/** The detail of a body that is no JSON object (unparsable, an array, a string...). */
export const NOT_AN_OBJECT = 'the body is not a JSON object';

/**
 * The body of a route that takes none (every creator route: identity comes from the host's auth). Nothing or `{}`
 * passes; anything else is 400 `common.validation_failed`, each property refused by name. Checked by its top-level
 * keys only, never handed to class-transformer, which walks the whole body: it recurses without bound (a 4 KB body
 * of nested arrays overflows the stack) and skips the keys `constructor` and `__proto__`.
 */
@Injectable()
export class NoBodyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    if (isEmptyBody(value)) return value;
    throw new StripeConnectException('common.validation_failed', undefined, { details: unexpectedBody(value) });
  }
}

/** What the OpenAPI document shows for a route without a body. */
export class NoBodyDto {}

/** Documents a route that takes no body (Nest's default would call it required). */
export const ApiNoBody = () =>
  ApiBody({ type: NoBodyDto, required: false, description: 'None: identity comes from the token. `{}` is accepted; any property is refused.' });

/** What `forbidNonWhitelisted` would say of the body. */
function unexpectedBody(value: unknown): ErrorDetail[] {
  if (!isPlainObject(value)) return [{ message: NOT_AN_OBJECT }];
  return Object.keys(value).map((field) => ({ field, message: `property ${field} should not exist` }));
}

function isEmptyBody(value: unknown): boolean {
  return value === undefined || (isPlainObject(value) && Object.keys(value).length === 0);
}

/** A JSON object, or the form parser's (which has no prototype). */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
