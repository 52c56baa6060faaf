/**
 * The admin API's types, generated from its OpenAPI document by
 * `pnpm --filter @presence/admin-web generate-api`. Do not edit by hand.
 */
export interface paths {
    "/api/admins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The admin allow-list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            admins: {
                                addedBy: string;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                id: string;
                                /** @enum {string} */
                                kind: "entra_user" | "entra_group" | "email" | "slack_user";
                                note: string;
                                value: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add an Entra user or group, an e-mail or a Slack user to the allow-list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "entra_user" | "entra_group" | "email" | "slack_user";
                        note?: string;
                        value: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            admin: {
                                addedBy: string;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                id: string;
                                /** @enum {string} */
                                kind: "entra_user" | "entra_group" | "email" | "slack_user";
                                note: string;
                                value: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an allow-list entry (never the last one) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: string;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync events and admin actions, newest first, filtered */
        get: {
            parameters: {
                query?: {
                    actor?: string;
                    beforeId?: string;
                    from?: string;
                    kind?: string;
                    limit?: number;
                    person?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                /** @description ISO 8601 time */
                                at: string;
                                correlationId: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "mirrored" | "no_change" | "echo_dropped" | "stale_dropped" | "duplicate_dropped" | "conflict_resolved" | "manual_kept" | "ownership_released" | "paused" | "direction_off" | "flap_paused" | "written" | "rate_limited" | "failed" | "needs_reauth" | "unknown_person" | "link_created" | "link_removed" | "link_updated" | "signed_in" | "admin_action";
                                linkId: string | null;
                                message: string;
                                side: ("slack" | "teams" | "outlook" | "webhook") | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export a date range of the audit trail as CSV or JSON */
        get: {
            parameters: {
                query: {
                    actor?: string;
                    format?: "csv" | "json";
                    from: string;
                    kind?: string;
                    person?: string;
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-link/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What linking everyone by e-mail would do: matches, conflicts, people on one side only, suggestions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyLinked: number;
                            conflicts: {
                                count: number;
                                items: {
                                    email: string;
                                    /** @enum {string} */
                                    reason: "several_slack_accounts" | "several_microsoft_accounts" | "linked_to_someone_else";
                                    slack: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    }[];
                                    teams: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    }[];
                                }[];
                            };
                            deactivated: {
                                slack: number;
                                teams: number;
                            };
                            matches: {
                                count: number;
                                items: {
                                    displayName: string;
                                    email: string;
                                    slack: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    };
                                    teams: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    };
                                }[];
                            };
                            missingEmail: {
                                slack: {
                                    count: number;
                                    items: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    }[];
                                };
                                teams: {
                                    count: number;
                                    items: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    }[];
                                };
                            };
                            onlyOnSlack: {
                                count: number;
                                items: {
                                    deactivated: boolean;
                                    displayName: string;
                                    email: string | null;
                                    scopeId: string;
                                    /** @enum {string} */
                                    side: "slack" | "teams";
                                    userId: string;
                                }[];
                            };
                            onlyOnTeams: {
                                count: number;
                                items: {
                                    deactivated: boolean;
                                    displayName: string;
                                    email: string | null;
                                    scopeId: string;
                                    /** @enum {string} */
                                    side: "slack" | "teams";
                                    userId: string;
                                }[];
                            };
                            suggestions: {
                                count: number;
                                items: {
                                    /** @constant */
                                    reason: "same_name";
                                    slack: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    };
                                    teams: {
                                        deactivated: boolean;
                                        displayName: string;
                                        email: string | null;
                                        scopeId: string;
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                        userId: string;
                                    };
                                }[];
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-link/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent automatic-linking runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                error: string;
                                failed: number;
                                finishedAt: string | null;
                                id: string;
                                linked: number;
                                processed: number;
                                requestedBy: string;
                                skipped: number;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed" | "undoing" | "undone";
                                total: number;
                                undone: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Link everyone the preview matches, as a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                error: string;
                                failed: number;
                                finishedAt: string | null;
                                id: string;
                                linked: number;
                                processed: number;
                                requestedBy: string;
                                skipped: number;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed" | "undoing" | "undone";
                                total: number;
                                undone: number;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-link/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                error: string;
                                failed: number;
                                finishedAt: string | null;
                                id: string;
                                linked: number;
                                processed: number;
                                requestedBy: string;
                                skipped: number;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed" | "undoing" | "undone";
                                total: number;
                                undone: number;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auto-link/runs/{id}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove every link a run made, as a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                error: string;
                                failed: number;
                                finishedAt: string | null;
                                id: string;
                                linked: number;
                                processed: number;
                                requestedBy: string;
                                skipped: number;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed" | "undoing" | "undone";
                                total: number;
                                undone: number;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Zero-config demo only: the demo people as both emulators show them */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            people: {
                                email: string;
                                name: string;
                                slack: {
                                    inHuddle: boolean;
                                    statusEmoji: string;
                                    statusText: string;
                                    userId: string;
                                } | null;
                                teams: {
                                    activity: string;
                                    availability: string;
                                    outOfOffice: boolean;
                                    statusMessage: string;
                                    userId: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/demo/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Zero-config demo only: change a person's state in the emulated Slack or Teams */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @constant */
                        action: "teams_presence";
                        /** @enum {string} */
                        activity: "Available" | "InAMeeting" | "InACall" | "InAConferenceCall" | "Presenting" | "DoNotDisturb" | "Away" | "BeRightBack";
                        /** @enum {string} */
                        availability: "Available" | "Busy" | "DoNotDisturb" | "Away" | "BeRightBack";
                        email: string;
                    } | {
                        /** @constant */
                        action: "teams_out_of_office";
                        email: string;
                        on: boolean;
                    } | {
                        /** @constant */
                        action: "slack_status";
                        email: string;
                        emoji: string;
                        text: string;
                    } | {
                        /** @constant */
                        action: "slack_huddle";
                        email: string;
                        on: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            people: {
                                email: string;
                                name: string;
                                slack: {
                                    inHuddle: boolean;
                                    statusEmoji: string;
                                    statusText: string;
                                    userId: string;
                                } | null;
                                teams: {
                                    activity: string;
                                    availability: string;
                                    outOfOffice: boolean;
                                    statusMessage: string;
                                    userId: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Apps, queue, sync per side, subscriptions, service accounts, error rates and Slack budgets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apps: {
                                apps: string[];
                                checks: {
                                    [key: string]: string;
                                };
                                hostname: string;
                                id: string;
                                /** @description ISO 8601 time */
                                lastSeenAt: string;
                                pid: number;
                                service: string;
                                /** @description ISO 8601 time */
                                startedAt: string;
                                up: boolean;
                            }[];
                            graphSubscriptions: {
                                /** @description ISO 8601 time */
                                expiresAt: string;
                                id: string;
                                people: number;
                                tenantId: string;
                            }[];
                            last24h: {
                                [key: string]: number;
                            };
                            links: {
                                [key: string]: number;
                            };
                            queue: {
                                due: number;
                                failedForGood: number;
                                lagSeconds: number;
                                oldestDueAt: string | null;
                                waiting: number;
                            };
                            serviceAccounts: {
                                people: number;
                                status: string;
                                statusReason: string;
                                userPrincipalName: string;
                            }[];
                            sides: {
                                slack: {
                                    lastHour: {
                                        [key: string]: number;
                                    };
                                    lastObservedAt: string | null;
                                    lastWrittenAt: string | null;
                                };
                                teams: {
                                    lastHour: {
                                        [key: string]: number;
                                    };
                                    lastObservedAt: string | null;
                                    lastWrittenAt: string | null;
                                };
                            };
                            slackBudgets: {
                                blockedUntil: string | null;
                                method: string;
                                perMinute: number;
                                teamId: string;
                                usedLastMinute: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List links and their state */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    search?: string;
                    status?: "active" | "paused" | "needs_reauth" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            links: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Link a Slack account and a Microsoft account (by ids, or both found by e-mail) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        direction?: "both" | "slackToTeams" | "teamsToSlack";
                        displayName?: string;
                        email?: string;
                        entra: {
                            tenantId: string;
                            userId: string;
                        };
                        policy?: {
                            allowPreferredPresence?: boolean;
                            /** @enum {string} */
                            conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                            hideMeetingTitles?: boolean;
                            respectManualStatus?: boolean;
                            shareStatusText?: boolean;
                        };
                        slack: {
                            teamId: string;
                            userId: string;
                        };
                    } | {
                        /** @enum {string} */
                        direction?: "both" | "slackToTeams" | "teamsToSlack";
                        displayName?: string;
                        email: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links/{person}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Unlink a person and delete their tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unlinked: string;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a person's direction and policy overrides */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        direction?: "both" | "slackToTeams" | "teamsToSlack";
                        policy?: {
                            allowPreferredPresence?: boolean;
                            /** @enum {string} */
                            conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                            hideMeetingTitles?: boolean;
                            respectManualStatus?: boolean;
                            shareStatusText?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/links/{person}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Why did my status change? The person's sync events, newest first */
        get: {
            parameters: {
                query?: {
                    beforeId?: string;
                    kind?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                /** @description ISO 8601 time */
                                at: string;
                                correlationId: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "mirrored" | "no_change" | "echo_dropped" | "stale_dropped" | "duplicate_dropped" | "conflict_resolved" | "manual_kept" | "ownership_released" | "paused" | "direction_off" | "flap_paused" | "written" | "rate_limited" | "failed" | "needs_reauth" | "unknown_person" | "link_created" | "link_removed" | "link_updated" | "signed_in" | "admin_action";
                                linkId: string | null;
                                message: string;
                                side: ("slack" | "teams" | "outlook" | "webhook") | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links/{person}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause mirroring (for a while, until a time, or until resumed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        forMinutes?: number;
                        reason?: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links/{person}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume mirroring */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links/{person}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live mirrored state: each side as observed, the person's own state, and what the bridge holds, wrote and is writing */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded) */
                    person: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                            policy: {
                                /** @default false */
                                allowPreferredPresence: boolean;
                                /**
                                 * @default lastChangeWins
                                 * @enum {string}
                                 */
                                conflictPolicy: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                /** @default true */
                                hideMeetingTitles: boolean;
                                /** @default true */
                                respectManualStatus: boolean;
                                /** @default true */
                                shareStatusText: boolean;
                            };
                            slack: {
                                attempted: {
                                    dnd?: {
                                        until: number;
                                    };
                                    presence?: {
                                        /** @constant */
                                        away: true;
                                    };
                                    status?: {
                                        emoji: string;
                                        expiresAt: number | null;
                                        /** @constant */
                                        fixed?: true;
                                        text: string;
                                    };
                                };
                                heldUntil: string | null;
                                hold: {
                                    dnd?: {
                                        until: number;
                                    };
                                    presence?: {
                                        /** @constant */
                                        away: true;
                                    };
                                    status?: {
                                        emoji: string;
                                        expiresAt: number | null;
                                        /** @constant */
                                        fixed?: true;
                                        text: string;
                                    };
                                };
                                observedAt: string | null;
                                own: {
                                    /** @enum {string} */
                                    side: "slack" | "teams";
                                } & {
                                    [key: string]: unknown;
                                };
                                view: {
                                    dnd?: {
                                        snoozed: boolean;
                                        until: number | null;
                                    };
                                    huddle?: {
                                        inHuddle: boolean;
                                    };
                                    presence?: {
                                        away: boolean;
                                    };
                                    status?: {
                                        emoji: string;
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                written: {
                                    dnd?: {
                                        until: number;
                                    };
                                    presence?: {
                                        /** @constant */
                                        away: true;
                                    };
                                    status?: {
                                        emoji: string;
                                        expiresAt: number | null;
                                        /** @constant */
                                        fixed?: true;
                                        text: string;
                                    };
                                };
                                writtenAt: string | null;
                            };
                            teams: {
                                attempted: {
                                    preferred?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                    };
                                    session?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        keepAlive: boolean;
                                    };
                                    statusMessage?: {
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                heldUntil: string | null;
                                hold: {
                                    preferred?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                    };
                                    session?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        keepAlive: boolean;
                                    };
                                    statusMessage?: {
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                observedAt: string | null;
                                own: {
                                    /** @enum {string} */
                                    side: "slack" | "teams";
                                } & {
                                    [key: string]: unknown;
                                };
                                view: {
                                    outOfOffice?: {
                                        isOutOfOffice: boolean;
                                    };
                                    presence?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                    };
                                    statusMessage?: {
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                written: {
                                    preferred?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                    };
                                    session?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        keepAlive: boolean;
                                    };
                                    statusMessage?: {
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                writtenAt: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Self-service: my link, its live state, and links to connect my other account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connect: {
                                microsoft: string | null;
                                slack: string | null;
                            };
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            } | null;
                            person: {
                                email: string | null;
                                name: string;
                                /** @enum {string} */
                                provider: "microsoft" | "slack";
                            };
                            state: {
                                link: {
                                    bulkRunId: string | null;
                                    /** @description ISO 8601 time */
                                    createdAt: string;
                                    /** @enum {string} */
                                    direction: "both" | "slackToTeams" | "teamsToSlack";
                                    displayName: string;
                                    email: string | null;
                                    entraUserId: string;
                                    id: string;
                                    pausedUntil: string | null;
                                    policy: {
                                        allowPreferredPresence?: boolean;
                                        /** @enum {string} */
                                        conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                        hideMeetingTitles?: boolean;
                                        respectManualStatus?: boolean;
                                        shareStatusText?: boolean;
                                    };
                                    slackTeamId: string;
                                    slackUserId: string;
                                    /** @enum {string} */
                                    status: "active" | "paused" | "needs_reauth" | "disabled";
                                    statusReason: string;
                                    tenantId: string;
                                    /** @description ISO 8601 time */
                                    updatedAt: string;
                                };
                                policy: {
                                    /** @default false */
                                    allowPreferredPresence: boolean;
                                    /**
                                     * @default lastChangeWins
                                     * @enum {string}
                                     */
                                    conflictPolicy: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    /** @default true */
                                    hideMeetingTitles: boolean;
                                    /** @default true */
                                    respectManualStatus: boolean;
                                    /** @default true */
                                    shareStatusText: boolean;
                                };
                                slack: {
                                    attempted: {
                                        dnd?: {
                                            until: number;
                                        };
                                        presence?: {
                                            /** @constant */
                                            away: true;
                                        };
                                        status?: {
                                            emoji: string;
                                            expiresAt: number | null;
                                            /** @constant */
                                            fixed?: true;
                                            text: string;
                                        };
                                    };
                                    heldUntil: string | null;
                                    hold: {
                                        dnd?: {
                                            until: number;
                                        };
                                        presence?: {
                                            /** @constant */
                                            away: true;
                                        };
                                        status?: {
                                            emoji: string;
                                            expiresAt: number | null;
                                            /** @constant */
                                            fixed?: true;
                                            text: string;
                                        };
                                    };
                                    observedAt: string | null;
                                    own: {
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    view: {
                                        dnd?: {
                                            snoozed: boolean;
                                            until: number | null;
                                        };
                                        huddle?: {
                                            inHuddle: boolean;
                                        };
                                        presence?: {
                                            away: boolean;
                                        };
                                        status?: {
                                            emoji: string;
                                            expiresAt: number | null;
                                            text: string;
                                        };
                                    };
                                    written: {
                                        dnd?: {
                                            until: number;
                                        };
                                        presence?: {
                                            /** @constant */
                                            away: true;
                                        };
                                        status?: {
                                            emoji: string;
                                            expiresAt: number | null;
                                            /** @constant */
                                            fixed?: true;
                                            text: string;
                                        };
                                    };
                                    writtenAt: string | null;
                                };
                                teams: {
                                    attempted: {
                                        preferred?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        session?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            keepAlive: boolean;
                                        };
                                        statusMessage?: {
                                            expiresAt: number | null;
                                            text: string;
                                        };
                                    };
                                    heldUntil: string | null;
                                    hold: {
                                        preferred?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        session?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            keepAlive: boolean;
                                        };
                                        statusMessage?: {
                                            expiresAt: number | null;
                                            text: string;
                                        };
                                    };
                                    observedAt: string | null;
                                    own: {
                                        /** @enum {string} */
                                        side: "slack" | "teams";
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    view: {
                                        outOfOffice?: {
                                            isOutOfOffice: boolean;
                                        };
                                        presence?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        statusMessage?: {
                                            expiresAt: number | null;
                                            text: string;
                                        };
                                    };
                                    written: {
                                        preferred?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        session?: {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            keepAlive: boolean;
                                        };
                                        statusMessage?: {
                                            expiresAt: number | null;
                                            text: string;
                                        };
                                    };
                                    writtenAt: string | null;
                                };
                            } | null;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Self-service: change my direction and what I share */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        direction?: "both" | "slackToTeams" | "teamsToSlack";
                        policy?: {
                            hideMeetingTitles?: boolean;
                            respectManualStatus?: boolean;
                            shareStatusText?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/me/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Self-service: why did my status change? */
        get: {
            parameters: {
                query?: {
                    beforeId?: string;
                    kind?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                /** @description ISO 8601 time */
                                at: string;
                                correlationId: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "mirrored" | "no_change" | "echo_dropped" | "stale_dropped" | "duplicate_dropped" | "conflict_resolved" | "manual_kept" | "ownership_released" | "paused" | "direction_off" | "flap_paused" | "written" | "rate_limited" | "failed" | "needs_reauth" | "unknown_person" | "link_created" | "link_removed" | "link_updated" | "signed_in" | "admin_action";
                                linkId: string | null;
                                message: string;
                                side: ("slack" | "teams" | "outlook" | "webhook") | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Self-service: pause my mirroring */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        forMinutes?: number;
                        reason?: string;
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Self-service: resume my mirroring */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            link: {
                                bulkRunId: string | null;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "both" | "slackToTeams" | "teamsToSlack";
                                displayName: string;
                                email: string | null;
                                entraUserId: string;
                                id: string;
                                pausedUntil: string | null;
                                policy: {
                                    allowPreferredPresence?: boolean;
                                    /** @enum {string} */
                                    conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    hideMeetingTitles?: boolean;
                                    respectManualStatus?: boolean;
                                    shareStatusText?: boolean;
                                };
                                slackTeamId: string;
                                slackUserId: string;
                                /** @enum {string} */
                                status: "active" | "paused" | "needs_reauth" | "disabled";
                                statusReason: string;
                                tenantId: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Self-service: my new events as Server-Sent Events */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everyone in both directories: links and accounts not linked yet, with search and filters */
        get: {
            parameters: {
                query?: {
                    filter?: "linked" | "unlinked" | "needs_reauth" | "paused" | "deactivated";
                    limit?: number;
                    offset?: number;
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            people: {
                                displayName: string;
                                email: string | null;
                                linkId: string | null;
                                linkStatus: ("active" | "paused" | "needs_reauth" | "disabled") | null;
                                slack: {
                                    deactivated: boolean;
                                    displayName: string;
                                    email: string | null;
                                    scopeId: string;
                                    userId: string;
                                } | null;
                                teams: {
                                    deactivated: boolean;
                                    displayName: string;
                                    email: string | null;
                                    scopeId: string;
                                    userId: string;
                                } | null;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mapping rules in force (highest version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string;
                            /** @description ISO 8601 time */
                            createdAt: string;
                            createdBy: string;
                            rules: {
                                slackClassifier: {
                                    /** @default [] */
                                    emoji: string[];
                                    /** @enum {string} */
                                    kind: "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch";
                                    textPattern?: string;
                                }[];
                                slackToTeams: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    teams: {
                                        /** @default clear */
                                        preferred: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        presence: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            /** @default false */
                                            keepAlive: boolean;
                                        };
                                        statusMessage: "keep" | "clear" | "statusText" | {
                                            text: string;
                                        };
                                    };
                                    when: {
                                        kind: ("cleared" | "huddle" | "dnd" | "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch" | "away" | "custom")[];
                                    };
                                }[];
                                teamsToSlack: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    slack: {
                                        dnd: "keep" | "off" | {
                                            minutes: number;
                                        };
                                        /** @enum {string} */
                                        presence: "keep" | "away" | "auto";
                                        status: "keep" | "clear" | {
                                            emoji: string;
                                            expiresInMinutes: number | null;
                                            text: string;
                                        };
                                    };
                                    when: {
                                        activity?: ("Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly")[];
                                        availability?: ("Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown")[];
                                        outOfOffice?: boolean;
                                    };
                                }[];
                            };
                            version: number;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Publish a new version of the rules (validated; in force at once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        comment?: string;
                        rules: unknown;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string;
                            /** @description ISO 8601 time */
                            createdAt: string;
                            createdBy: string;
                            rules: {
                                slackClassifier: {
                                    /** @default [] */
                                    emoji: string[];
                                    /** @enum {string} */
                                    kind: "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch";
                                    textPattern?: string;
                                }[];
                                slackToTeams: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    teams: {
                                        /** @default clear */
                                        preferred: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        presence: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            /** @default false */
                                            keepAlive: boolean;
                                        };
                                        statusMessage: "keep" | "clear" | "statusText" | {
                                            text: string;
                                        };
                                    };
                                    when: {
                                        kind: ("cleared" | "huddle" | "dnd" | "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch" | "away" | "custom")[];
                                    };
                                }[];
                                teamsToSlack: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    slack: {
                                        dnd: "keep" | "off" | {
                                            minutes: number;
                                        };
                                        /** @enum {string} */
                                        presence: "keep" | "away" | "auto";
                                        status: "keep" | "clear" | {
                                            emoji: string;
                                            expiresInMinutes: number | null;
                                            text: string;
                                        };
                                    };
                                    when: {
                                        activity?: ("Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly")[];
                                        availability?: ("Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown")[];
                                        outOfOffice?: boolean;
                                    };
                                }[];
                            };
                            version: number;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/dry-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent dry runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                activeWrites: number;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                decisions: number;
                                differing: number;
                                draftWrites: number;
                                error: string;
                                finishedAt: string | null;
                                /** @description ISO 8601 time */
                                fromTime: string;
                                id: string;
                                people: number;
                                requestedBy: string;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed";
                                /** @description ISO 8601 time */
                                toTime: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Replay the last hours of recorded decisions under draft rules, as a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 24 */
                        hours?: number;
                        rules: unknown;
                    };
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                activeWrites: number;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                decisions: number;
                                differing: number;
                                draftWrites: number;
                                error: string;
                                finishedAt: string | null;
                                /** @description ISO 8601 time */
                                fromTime: string;
                                id: string;
                                people: number;
                                requestedBy: string;
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed";
                                /** @description ISO 8601 time */
                                toTime: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/dry-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dry run's result: what the draft would have written differently */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            run: {
                                activeWrites: number;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                decisions: number;
                                differing: number;
                                draftWrites: number;
                                error: string;
                                finishedAt: string | null;
                                /** @description ISO 8601 time */
                                fromTime: string;
                                id: string;
                                people: number;
                                requestedBy: string;
                                results: {
                                    active: {
                                        [key: string]: unknown;
                                    };
                                    activeRule: string | null;
                                    at: number;
                                    draft: {
                                        [key: string]: unknown;
                                    };
                                    draftRule: string | null;
                                    linkId: string;
                                    /** @enum {string} */
                                    to: "slack" | "teams";
                                }[];
                                rules: {
                                    slackClassifier: {
                                        /** @default [] */
                                        emoji: string[];
                                        /** @enum {string} */
                                        kind: "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch";
                                        textPattern?: string;
                                    }[];
                                    slackToTeams: {
                                        /** @default  */
                                        description: string;
                                        id: string;
                                        teams: {
                                            /** @default clear */
                                            preferred: "keep" | "clear" | {
                                                /** @enum {string} */
                                                activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                                /** @enum {string} */
                                                availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            };
                                            presence: "keep" | "clear" | {
                                                /** @enum {string} */
                                                activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                                /** @enum {string} */
                                                availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                                /** @default false */
                                                keepAlive: boolean;
                                            };
                                            statusMessage: "keep" | "clear" | "statusText" | {
                                                text: string;
                                            };
                                        };
                                        when: {
                                            kind: ("cleared" | "huddle" | "dnd" | "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch" | "away" | "custom")[];
                                        };
                                    }[];
                                    teamsToSlack: {
                                        /** @default  */
                                        description: string;
                                        id: string;
                                        slack: {
                                            dnd: "keep" | "off" | {
                                                minutes: number;
                                            };
                                            /** @enum {string} */
                                            presence: "keep" | "away" | "auto";
                                            status: "keep" | "clear" | {
                                                emoji: string;
                                                expiresInMinutes: number | null;
                                                text: string;
                                            };
                                        };
                                        when: {
                                            activity?: ("Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly")[];
                                            availability?: ("Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown")[];
                                            outOfOffice?: boolean;
                                        };
                                    }[];
                                };
                                /** @enum {string} */
                                status: "queued" | "running" | "done" | "failed";
                                /** @description ISO 8601 time */
                                toTime: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a Teams state becomes on Slack, and a Slack state in Teams, under draft rules */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: unknown;
                        slack?: {
                            dnd?: {
                                snoozed: boolean;
                                until: number | null;
                            };
                            huddle?: {
                                inHuddle: boolean;
                            };
                            presence?: {
                                away: boolean;
                            };
                            status?: {
                                emoji: string;
                                expiresAt: number | null;
                                text: string;
                            };
                        };
                        teams?: {
                            outOfOffice?: {
                                isOutOfOffice: boolean;
                            };
                            presence?: {
                                /** @enum {string} */
                                activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                /** @enum {string} */
                                availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                            };
                            statusMessage?: {
                                expiresAt: number | null;
                                text: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slack: {
                                hold: {
                                    dnd?: {
                                        until: number;
                                    };
                                    presence?: {
                                        /** @constant */
                                        away: true;
                                    };
                                    status?: {
                                        emoji: string;
                                        expiresAt: number | null;
                                        /** @constant */
                                        fixed?: true;
                                        text: string;
                                    };
                                };
                                manualKept: string[];
                                ruleId: string | null;
                            } | null;
                            teams: {
                                hold: {
                                    preferred?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                    };
                                    session?: {
                                        /** @enum {string} */
                                        activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                        /** @enum {string} */
                                        availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        keepAlive: boolean;
                                    };
                                    statusMessage?: {
                                        expiresAt: number | null;
                                        text: string;
                                    };
                                };
                                kind: string;
                                manualKept: string[];
                                ruleId: string | null;
                            } | null;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put an earlier version back in force (as a new version) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        version: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string;
                            /** @description ISO 8601 time */
                            createdAt: string;
                            createdBy: string;
                            rules: {
                                slackClassifier: {
                                    /** @default [] */
                                    emoji: string[];
                                    /** @enum {string} */
                                    kind: "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch";
                                    textPattern?: string;
                                }[];
                                slackToTeams: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    teams: {
                                        /** @default clear */
                                        preferred: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        presence: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            /** @default false */
                                            keepAlive: boolean;
                                        };
                                        statusMessage: "keep" | "clear" | "statusText" | {
                                            text: string;
                                        };
                                    };
                                    when: {
                                        kind: ("cleared" | "huddle" | "dnd" | "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch" | "away" | "custom")[];
                                    };
                                }[];
                                teamsToSlack: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    slack: {
                                        dnd: "keep" | "off" | {
                                            minutes: number;
                                        };
                                        /** @enum {string} */
                                        presence: "keep" | "away" | "auto";
                                        status: "keep" | "clear" | {
                                            emoji: string;
                                            expiresInMinutes: number | null;
                                            text: string;
                                        };
                                    };
                                    when: {
                                        activity?: ("Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly")[];
                                        availability?: ("Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown")[];
                                        outOfOffice?: boolean;
                                    };
                                }[];
                            };
                            version: number;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check draft rules against the platforms' limits; every problem with its path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: unknown;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            issues: {
                                message: string;
                                path: string;
                            }[];
                            valid: boolean;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: {
                                comment: string;
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of the rules (for a diff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comment: string;
                            /** @description ISO 8601 time */
                            createdAt: string;
                            createdBy: string;
                            rules: {
                                slackClassifier: {
                                    /** @default [] */
                                    emoji: string[];
                                    /** @enum {string} */
                                    kind: "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch";
                                    textPattern?: string;
                                }[];
                                slackToTeams: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    teams: {
                                        /** @default clear */
                                        preferred: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                        };
                                        presence: "keep" | "clear" | {
                                            /** @enum {string} */
                                            activity: "Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly";
                                            /** @enum {string} */
                                            availability: "Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown";
                                            /** @default false */
                                            keepAlive: boolean;
                                        };
                                        statusMessage: "keep" | "clear" | "statusText" | {
                                            text: string;
                                        };
                                    };
                                    when: {
                                        kind: ("cleared" | "huddle" | "dnd" | "meeting" | "focus" | "commuting" | "sick" | "vacation" | "lunch" | "away" | "custom")[];
                                    };
                                }[];
                                teamsToSlack: {
                                    /** @default  */
                                    description: string;
                                    id: string;
                                    slack: {
                                        dnd: "keep" | "off" | {
                                            minutes: number;
                                        };
                                        /** @enum {string} */
                                        presence: "keep" | "away" | "auto";
                                        status: "keep" | "clear" | {
                                            emoji: string;
                                            expiresInMinutes: number | null;
                                            text: string;
                                        };
                                    };
                                    when: {
                                        activity?: ("Available" | "Away" | "BeRightBack" | "Busy" | "DoNotDisturb" | "InACall" | "InAConferenceCall" | "Inactive" | "InAMeeting" | "Offline" | "OffWork" | "OutOfOffice" | "PresenceUnknown" | "Presenting" | "UrgentInterruptionsOnly")[];
                                        availability?: ("Available" | "AvailableIdle" | "Away" | "BeRightBack" | "Busy" | "BusyIdle" | "DoNotDisturb" | "Offline" | "PresenceUnknown")[];
                                        outOfOffice?: boolean;
                                    };
                                }[];
                            };
                            version: number;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, the CSRF token to send back, and the sign-in methods on offer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            demo: {
                                adminLoginHint: string;
                            } | null;
                            signIn: {
                                microsoft: boolean;
                                slack: boolean;
                            };
                            user: {
                                admin: boolean;
                                email: string | null;
                                name: string;
                                /** @enum {string} */
                                provider: "microsoft" | "slack";
                            } | null;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Sign out */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @constant */
                            signedOut: true;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisation settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: {
                                /** @default 30 */
                                auditRetentionDays: number;
                                /**
                                 * @default {
                                 *       "conflictPolicy": "lastChangeWins",
                                 *       "respectManualStatus": true,
                                 *       "shareStatusText": true,
                                 *       "hideMeetingTitles": true,
                                 *       "allowPreferredPresence": false
                                 *     }
                                 */
                                defaultPolicy: {
                                    /** @default false */
                                    allowPreferredPresence: boolean;
                                    /**
                                     * @default lastChangeWins
                                     * @enum {string}
                                     */
                                    conflictPolicy: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    /** @default true */
                                    hideMeetingTitles: boolean;
                                    /** @default true */
                                    respectManualStatus: boolean;
                                    /** @default true */
                                    shareStatusText: boolean;
                                };
                                /** @default 20 */
                                flapMaxWrites: number;
                                /** @default 600 */
                                flapWindowSeconds: number;
                                /** @default 120 */
                                slackEchoTtlSeconds: number;
                                /** @default (via Teams) */
                                slackStatusMarker: string;
                                /** @default 600 */
                                teamsEchoTtlSeconds: number;
                                /** @default (via Slack) */
                                teamsStatusMarker: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change some settings (the rest stay as they are) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        auditRetentionDays?: number;
                        defaultPolicy?: {
                            allowPreferredPresence?: boolean;
                            /** @enum {string} */
                            conflictPolicy?: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                            hideMeetingTitles?: boolean;
                            respectManualStatus?: boolean;
                            shareStatusText?: boolean;
                        };
                        flapMaxWrites?: number;
                        flapWindowSeconds?: number;
                        slackEchoTtlSeconds?: number;
                        slackStatusMarker?: string;
                        teamsEchoTtlSeconds?: number;
                        teamsStatusMarker?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            settings: {
                                /** @default 30 */
                                auditRetentionDays: number;
                                /**
                                 * @default {
                                 *       "conflictPolicy": "lastChangeWins",
                                 *       "respectManualStatus": true,
                                 *       "shareStatusText": true,
                                 *       "hideMeetingTitles": true,
                                 *       "allowPreferredPresence": false
                                 *     }
                                 */
                                defaultPolicy: {
                                    /** @default false */
                                    allowPreferredPresence: boolean;
                                    /**
                                     * @default lastChangeWins
                                     * @enum {string}
                                     */
                                    conflictPolicy: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
                                    /** @default true */
                                    hideMeetingTitles: boolean;
                                    /** @default true */
                                    respectManualStatus: boolean;
                                    /** @default true */
                                    shareStatusText: boolean;
                                };
                                /** @default 20 */
                                flapMaxWrites: number;
                                /** @default 600 */
                                flapWindowSeconds: number;
                                /** @default 120 */
                                slackEchoTtlSeconds: number;
                                /** @default (via Teams) */
                                slackStatusMarker: string;
                                /** @default 600 */
                                teamsEchoTtlSeconds: number;
                                /** @default (via Slack) */
                                teamsStatusMarker: string;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** New audit events as Server-Sent Events (all, or one link's) */
        get: {
            parameters: {
                query?: {
                    link?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook connections: third-party systems that report states or receive them (no secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connections: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                /** @enum {string} */
                                direction: "in" | "out" | "both";
                                id: string;
                                lastDeliveryAt: string | null;
                                lastDeliveryStatus: string;
                                name: string;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                statusReason: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                                url: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect a system through the webhook spoke; its secret is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default both
                         * @enum {string}
                         */
                        direction?: "in" | "out" | "both";
                        id: string;
                        name: string;
                        /** @default null */
                        url?: string | null;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                /** @enum {string} */
                                direction: "in" | "out" | "both";
                                id: string;
                                lastDeliveryAt: string | null;
                                lastDeliveryStatus: string;
                                name: string;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                statusReason: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                                url: string | null;
                            };
                            /** @description The HMAC key, shown only in this answer: store it in the system now */
                            secret: string;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a connection and its secret */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: string;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a connection off: its reports are refused (404) and nothing is sent to it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                /** @enum {string} */
                                direction: "in" | "out" | "both";
                                id: string;
                                lastDeliveryAt: string | null;
                                lastDeliveryStatus: string;
                                name: string;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                statusReason: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                                url: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a connection on again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                /** @enum {string} */
                                direction: "in" | "out" | "both";
                                id: string;
                                lastDeliveryAt: string | null;
                                lastDeliveryStatus: string;
                                name: string;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                statusReason: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                                url: string | null;
                            };
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a connection's secret (the old one stops working at once); the new one is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection: {
                                /** @description ISO 8601 time */
                                createdAt: string;
                                createdBy: string;
                                /** @enum {string} */
                                direction: "in" | "out" | "both";
                                id: string;
                                lastDeliveryAt: string | null;
                                lastDeliveryStatus: string;
                                name: string;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                statusReason: string;
                                /** @description ISO 8601 time */
                                updatedAt: string;
                                url: string | null;
                            };
                            /** @description The HMAC key, shown only in this answer: store it in the system now */
                            secret: string;
                        };
                    };
                };
                /** @description Invalid input, naming each bad field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Unknown person or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Conflict, e.g. an account that is already linked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description A state-changing request that is not Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
