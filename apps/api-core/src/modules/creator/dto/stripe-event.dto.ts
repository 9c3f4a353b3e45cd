import { plainToInstance, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested, validateSync } from 'class-validator';

/** Stripe ids (`evt_…`, `acct_…`): letters, digits, underscores. This also keeps out NUL, which PostgreSQL refuses. */
const STRIPE_ID = /^\w{1,255}$/;
const EVENT_TYPE = /^[a-z0-9_.]{1,100}$/;
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
  @IsObject() @ValidateNested() @Type(() => EventDataDto) data!: EventDataDto;
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
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RequirementsDto) requirements?: RequirementsDto | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MetadataDto) metadata?: MetadataDto;
}

/**
 * Whether a signed payload is an event the webhook can handle: Stripe's event
 * envelope, and for `account.updated` an account object. Other properties are
 * Stripe's and are left alone; only a wrong shape fails.
 */
export function isWellFormedEvent(payload: unknown): boolean {
  if (!isPlainObject(payload) || !conforms(StripeEventDto, payload)) return false;
  if (payload.type !== 'account.updated') return true;
  return conforms(AccountObjectDto, (payload.data as EventDataDto).object);
}

function conforms(dto: new () => object, value: Record<string, unknown>): boolean {
  return validateSync(plainToInstance(dto, value), { forbidUnknownValues: true }).length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
