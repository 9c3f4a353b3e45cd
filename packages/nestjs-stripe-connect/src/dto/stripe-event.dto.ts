import { getMetadataStorage, IsBoolean, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Stripe ids (`evt_…`, `acct_…`): letters, digits, underscores. This also keeps out NUL, which PostgreSQL refuses. */
const STRIPE_ID = /^\w{1,255}$/;
const EVENT_TYPE = /^[a-z0-9_.]{1,100}$/;
/** Thin event types name the part of the object that changed in brackets: `v2.core.account[requirements].updated`. */
const THIN_EVENT_TYPE = /^[a-z0-9_.[\]]{1,100}$/;
/** `created` is in seconds; past the year 9999 it is no date. */
const MAX_CREATED = 253_402_300_799;

class EventDataDto {
  @IsObject() object!: Record<string, unknown>;
}

/** The envelope every Stripe event has, as far as the webhook reads it. */
class StripeEventDto {
  @IsString() @Matches(STRIPE_ID) id!: string;
  @IsString() @Matches(EVENT_TYPE) type!: string;
  @IsInt() @Min(0) @Max(MAX_CREATED) created!: number;
  @IsOptional() @IsString() @Matches(STRIPE_ID) account?: string | null;
  @IsObject() data!: EventDataDto;
}

class RequirementsDto {
  @IsOptional() @IsString() disabled_reason?: string | null;
}

class MetadataDto {
  @IsOptional() @IsString() platformUserId?: string;
}

/** The account in `account.updated`: the fields its status is resolved from. */
class AccountObjectDto {
  @IsString() @Matches(STRIPE_ID) id!: string;
  @IsBoolean() charges_enabled!: boolean;
  @IsBoolean() payouts_enabled!: boolean;
  @IsBoolean() details_submitted!: boolean;
  @IsOptional() @IsObject() requirements?: RequirementsDto | null;
  @IsOptional() @IsObject() metadata?: MetadataDto | null;
}

/**
 * Whether a signed payload is an event the webhook can handle: Stripe's event
 * envelope, and for `account.updated` an account object. Other properties are
 * Stripe's and are left alone, however deep or oddly named; only a wrong shape
 * of what the webhook reads fails.
 */
export function isWellFormedEvent(payload: unknown): boolean {
  if (!conforms(StripeEventDto, payload) || !conforms(EventDataDto, payload.data)) return false;
  if (payload.type !== 'account.updated') return true;
  const account = payload.data.object;
  return conforms(AccountObjectDto, account) && conformsIfSet(RequirementsDto, account.requirements) && conformsIfSet(MetadataDto, account.metadata);
}

/**
 * Validates the DTO's own properties of an object, and nothing else, one level:
 * each nested object is checked by its own call. Not class-transformer's
 * plainToInstance, which walks the whole payload: it recurses without bound
 * (deep nesting overflows the stack) and takes a nested object's own
 * `constructor` key for its class (a TypeError).
 */
class RelatedObjectDto {
  @IsString() @Matches(STRIPE_ID) id!: string;
  @IsString() @Matches(EVENT_TYPE) type!: string;
}

/** A thin event (`v2.core.event`), as far as the webhook reads it: no data, only what changed and where. */
class ThinEventDto {
  @IsString() @Matches(STRIPE_ID) id!: string;
  @IsString() @Matches(THIN_EVENT_TYPE) type!: string;
  @IsISO8601({ strict: true }) created!: string;
  @IsOptional() @IsObject() related_object?: RelatedObjectDto | null;
}

/** What the webhook reads of a thin event. */
export type ThinEvent = Pick<ThinEventDto, 'id' | 'type' | 'created' | 'related_object'>;

/** Whether a signed thin event is one the webhook can handle (see `isWellFormedEvent`). */
export function isWellFormedThinEvent(payload: unknown): payload is ThinEvent {
  return conforms(ThinEventDto, payload) && conformsIfSet(RelatedObjectDto, payload.related_object);
}

function conforms<T extends object>(dto: new () => T, value: unknown): value is T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const instance = new dto() as Record<string, unknown>;
  for (const { propertyName } of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    if (Object.hasOwn(value, propertyName)) instance[propertyName] = (value as Record<string, unknown>)[propertyName];
  }
  return validateSync(instance, { forbidUnknownValues: true }).length === 0;
}

function conformsIfSet<T extends object>(dto: new () => T, value: unknown): boolean {
  return value === undefined || value === null || conforms(dto, value);
}
