/** Types of scripts/layering.js (plain JavaScript, so that eslint.config.js can import it). */
export declare const ALLOWED: Readonly<Record<string, readonly string[]>>;
export declare const TESTS_ALSO: Readonly<Record<string, readonly string[]>>;
export declare function layeringProblem(file: string, spec: string): string | undefined;
export declare const layeringPlugin: { readonly rules: Record<string, unknown> };
