// Generated from the API's OpenAPI document by `npm run api-client:generate` (openapi-typescript). Do not edit.

export interface paths {
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers, Redis too when configured, and the process is not shutting down
         * @description An unreachable Redis fails readiness only with REDIS_REQUIRED=true; otherwise it is reported (`limits: per-instance`) while the instance keeps serving with in-memory limits.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/creators/stripe-connect/dashboard-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe Express Dashboard login link ("Manage payouts")
         * @description Returns a new single-use login URL for the calling creator. Limited per user (10 requests per hour unless the host sets otherwise).
         */
        post: operations["StripeConnectController_createDashboardLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/creators/stripe-connect/initiate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start Stripe Connect onboarding
         * @description Creates the creator’s Stripe account with the Express Dashboard if there is none (never a second one; Accounts v2 unless configured for v1) and returns a fresh hosted onboarding link. Requires approved KYC.
         */
        post: operations["StripeConnectController_initiate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/creators/stripe-connect/refresh-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New onboarding link
         * @description For an existing account whose last onboarding link expired or was abandoned.
         */
        post: operations["StripeConnectController_refreshLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/creators/stripe-connect/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payout account status
         * @description Live from Stripe and written back; the stored values (detailsSubmitted false) when Stripe cannot be asked.
         */
        get: operations["StripeConnectController_getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe webhook: thin v2 account events and v1 Connect events
         * @description Verifies `Stripe-Signature` over the raw body with each configured secret (tolerance 300 s). Handles thin `v2.core.account…` events (the account is read from Stripe and stored; 503 when it cannot be read), `account.updated` and `account.application.deauthorized`; replays, unknown accounts and other event types are acknowledged and ignored. An event older than the stored state changes nothing; one of the same moment (the same second as an applied event, or a status read in flight) stores the account as Stripe returns it now; 503 when Stripe cannot be asked (Stripe delivers the event again).
         */
        post: operations["StripeConnectWebhookController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LivenessDto: {
            /** @example ok */
            status: string;
        };
        ApiErrorDetailDto: {
            /**
             * @description The input field, as a dotted path, when the problem is about one
             * @example note
             */
            field?: string;
            /** @example property note should not exist */
            message: string;
        };
        ApiErrorDto: {
            /** @example STRIPE_ACCOUNT_NOT_ACTIVE */
            code: string;
            /** @example Your payout account has not finished onboarding yet. */
            message: string;
            /**
             * @example creator.stripe.not_active
             * @enum {string}
             */
            i18nKey: "auth.unauthorized" | "common.rate_limited" | "common.validation_failed" | "common.not_found" | "common.payload_too_large" | "common.internal_error" | "common.service_unavailable" | "creator.stripe.not_creator" | "creator.stripe.account_not_found" | "creator.stripe.not_active" | "creator.stripe.service_unavailable" | "creator.stripe.upstream_error" | "creator.stripe.kyc_required" | "creator.stripe.connect_in_progress" | "webhook.invalid_signature" | "webhook.invalid_payload" | "webhook.not_configured" | "local.host_not_allowed";
            i18nVars?: {
                [key: string]: string | number;
            };
            details?: components["schemas"]["ApiErrorDetailDto"][];
            /**
             * Format: uuid
             * @description Also in the X-Request-Id header and the server log line
             */
            correlationId: string;
        };
        ApiErrorResponseDto: {
            /** @enum {boolean} */
            success: false;
            error: components["schemas"]["ApiErrorDto"];
        };
        DashboardLinkResponseDto: {
            /**
             * @description Single-use Stripe Express Dashboard login URL. A bearer credential: redirect to it, never store or log it.
             * @example https://connect.stripe.com/express/acct_1Nv0FGQ9RKHgCVdK/Lf7bA2XkQp
             */
            url: string;
        };
        NoBodyDto: Record<string, never>;
        InitiateConnectResponseDto: {
            /**
             * @description The creator's Stripe connected account (with the Express Dashboard)
             * @example acct_1Nv0FGQ9RKHgCVdK
             */
            accountId: string;
            /**
             * @description Stripe-hosted onboarding URL (Account Link). Short-lived bearer credential: redirect to it.
             * @example https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/Ab3dE5fG
             */
            onboardingUrl: string;
        };
        OnboardingLinkResponseDto: {
            /**
             * @description A fresh Stripe-hosted onboarding URL for the existing account.
             * @example https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/Ab3dE5fG
             */
            onboardingUrl: string;
        };
        /** @enum {string} */
        StripeAccountStatus: "NOT_STARTED" | "PENDING" | "ACTIVE" | "RESTRICTED" | "DISABLED";
        ConnectStatusResponseDto: {
            /** @example acct_1Nv0FGQ9RKHgCVdK */
            stripeAccountId: string | null;
            /** @example ACTIVE */
            stripeAccountStatus: components["schemas"]["StripeAccountStatus"];
            /** @description Card payments enabled (v1 `charges_enabled`). Always false for a v2 recipient account, which takes none. */
            chargesEnabled: boolean;
            /** @description Payouts enabled (v1 `payouts_enabled`; v2: the recipient's payouts capability is active). */
            payoutsEnabled: boolean;
            /** @description Onboarding submitted (v1 `details_submitted`; v2: Stripe's terms accepted). False also when Stripe could not be asked (unknown). */
            detailsSubmitted: boolean;
        };
        WebhookAckDto: {
            /** @example true */
            received: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["LivenessDto"];
                    };
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["LivenessDto"];
                    };
                };
            };
            /** @description `common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    StripeConnectController_createDashboardLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description None: identity comes from the token. `{}` is accepted; any property is refused. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NoBodyDto"];
            };
        };
        responses: {
            /** @description A fresh login URL; redirect the creator to it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DashboardLinkResponseDto"];
                    };
                };
            };
            /** @description `common.validation_failed` (VALIDATION_FAILED): The request is malformed.<br>`creator.stripe.account_not_found` (STRIPE_ACCOUNT_NOT_FOUND): You have not set up a payout account yet.<br>`creator.stripe.not_active` (STRIPE_ACCOUNT_NOT_ACTIVE): Your payout account has not finished onboarding yet.<br>`creator.stripe.service_unavailable` (STRIPE_NOT_CONFIGURED): Payouts are not available right now. Please try again later. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `auth.unauthorized` (UNAUTHORIZED): Authentication required. Please sign in again. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.not_creator` (CREATOR_PROFILE_NOT_FOUND): You need a creator profile to manage payouts. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.payload_too_large` (PAYLOAD_TOO_LARGE): The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.rate_limited` (RATE_LIMITED): Too many requests. Please try again in {retryAfterSeconds} seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.internal_error` (INTERNAL_ERROR): Something went wrong on our side. Please try again later. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.upstream_error` (STRIPE_UPSTREAM_ERROR): Our payment provider could not be reached. Please try again in a moment. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    StripeConnectController_initiate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description None: identity comes from the token. `{}` is accepted; any property is refused. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NoBodyDto"];
            };
        };
        responses: {
            /** @description The account and a fresh onboarding URL; status is PENDING. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["InitiateConnectResponseDto"];
                    };
                };
            };
            /** @description `common.validation_failed` (VALIDATION_FAILED): The request is malformed.<br>`creator.stripe.kyc_required` (KYC_NOT_APPROVED): Please complete identity verification before setting up payouts.<br>`creator.stripe.service_unavailable` (STRIPE_NOT_CONFIGURED): Payouts are not available right now. Please try again later. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `auth.unauthorized` (UNAUTHORIZED): Authentication required. Please sign in again. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.not_creator` (CREATOR_PROFILE_NOT_FOUND): You need a creator profile to manage payouts. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.connect_in_progress` (STRIPE_CONNECT_IN_PROGRESS): Your payout account is being set up. Please try again in a few seconds. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.payload_too_large` (PAYLOAD_TOO_LARGE): The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.rate_limited` (RATE_LIMITED): Too many requests. Please try again in {retryAfterSeconds} seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.internal_error` (INTERNAL_ERROR): Something went wrong on our side. Please try again later. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.upstream_error` (STRIPE_UPSTREAM_ERROR): Our payment provider could not be reached. Please try again in a moment. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    StripeConnectController_refreshLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description None: identity comes from the token. `{}` is accepted; any property is refused. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NoBodyDto"];
            };
        };
        responses: {
            /** @description A fresh onboarding URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["OnboardingLinkResponseDto"];
                    };
                };
            };
            /** @description `common.validation_failed` (VALIDATION_FAILED): The request is malformed.<br>`creator.stripe.account_not_found` (STRIPE_ACCOUNT_NOT_FOUND): You have not set up a payout account yet.<br>`creator.stripe.not_active` (STRIPE_ACCOUNT_NOT_ACTIVE): Your payout account has not finished onboarding yet.<br>`creator.stripe.service_unavailable` (STRIPE_NOT_CONFIGURED): Payouts are not available right now. Please try again later. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `auth.unauthorized` (UNAUTHORIZED): Authentication required. Please sign in again. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.not_creator` (CREATOR_PROFILE_NOT_FOUND): You need a creator profile to manage payouts. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.payload_too_large` (PAYLOAD_TOO_LARGE): The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.rate_limited` (RATE_LIMITED): Too many requests. Please try again in {retryAfterSeconds} seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.internal_error` (INTERNAL_ERROR): Something went wrong on our side. Please try again later. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.upstream_error` (STRIPE_UPSTREAM_ERROR): Our payment provider could not be reached. Please try again in a moment. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    StripeConnectController_getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ConnectStatusResponseDto"];
                    };
                };
            };
            /** @description `auth.unauthorized` (UNAUTHORIZED): Authentication required. Please sign in again. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `creator.stripe.not_creator` (CREATOR_PROFILE_NOT_FOUND): You need a creator profile to manage payouts. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.payload_too_large` (PAYLOAD_TOO_LARGE): The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.rate_limited` (RATE_LIMITED): Too many requests. Please try again in {retryAfterSeconds} seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.internal_error` (INTERNAL_ERROR): Something went wrong on our side. Please try again later. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    StripeConnectWebhookController_receive: {
        parameters: {
            query?: never;
            header: {
                "stripe-signature": string;
                "Stripe-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Event received (applied, or ignored as a replay, stale, or not ours). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["WebhookAckDto"];
                    };
                };
            };
            /** @description `webhook.invalid_signature` (WEBHOOK_SIGNATURE_INVALID): The webhook signature is missing, invalid or outside the time tolerance.<br>`webhook.invalid_payload` (WEBHOOK_PAYLOAD_INVALID): The webhook payload is not a well-formed Stripe event. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.payload_too_large` (PAYLOAD_TOO_LARGE): The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `common.internal_error` (INTERNAL_ERROR): Something went wrong on our side. Please try again later. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description `webhook.not_configured` (WEBHOOK_NOT_CONFIGURED): Webhooks are not configured on this server.<br>`common.service_unavailable` (SERVICE_UNAVAILABLE): The service is temporarily unavailable. Please try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
}
