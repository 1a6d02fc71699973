/**
 * What Stripe accepts, read from the `stripe` package's own type declarations (node_modules/stripe/cjs/…/*.d.ts)
 * with the TypeScript compiler: every parameter name, nesting and enum value of a request, so the fake Stripe
 * refuses what Stripe refuses without anyone copying lists from the portal's code. The SDK's enums end in
 * `| OtherString` (for forward compatibility of *responses*); Stripe itself refuses values outside the listed
 * literals, so those are dropped here.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export type ParamRule =
  | { kind: 'string' | 'number' | 'boolean' | 'any' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; of: ParamRule }
  | { kind: 'object'; props: Map<string, ParamRule> }
  | { kind: 'map' }
  | { kind: 'union'; of: ParamRule[] };

/** A parameter rule plus whether Stripe accepts the empty string (`Emptyable<…>`: "unset this"). */
export type Rule = ParamRule & { canBeEmpty?: boolean };

/** The installed SDK's cjs/ folder (its package exports do not expose package.json or the .d.ts files). */
const sdkTypes = dirname(createRequire(import.meta.url).resolve('stripe'));

/** The declaration files and (dotted) interface names of the requests the fake serves. */
const SOURCES = {
  'checkout.sessions.create': ['resources/Checkout/Sessions.d.ts', 'Checkout.SessionCreateParams'],
  'checkout.sessions.expire': ['resources/Checkout/Sessions.d.ts', 'Checkout.SessionExpireParams'],
  'refunds.create': ['resources/Refunds.d.ts', 'RefundCreateParams'],
  'refunds.cancel': ['resources/Refunds.d.ts', 'RefundCancelParams'],
  'refunds.list': ['resources/Refunds.d.ts', 'RefundListParams'],
} as const;

export type StripeRequestName = keyof typeof SOURCES;

function findDeclaration(file: ts.SourceFile, dotted: string): ts.InterfaceDeclaration | undefined {
  const [head, ...rest] = dotted.split('.');
  const visit = (nodes: readonly ts.Statement[], name: string, more: string[]): ts.InterfaceDeclaration | undefined => {
    for (const node of nodes) {
      if (more.length === 0 && ts.isInterfaceDeclaration(node) && node.name.text === name) return node;
      if (
        more.length > 0 &&
        ts.isModuleDeclaration(node) &&
        node.name.text === name &&
        node.body &&
        ts.isModuleBlock(node.body)
      ) {
        const found = visit(node.body.statements, more[0]!, more.slice(1));
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(file.statements, head!, rest);
}

/** Reads the rules of the requests above from the installed SDK's declarations (once per process). */
export function loadStripeParamRules(): Record<StripeRequestName, Rule> {
  const files = [...new Set(Object.values(SOURCES).map(([file]) => join(sdkTypes, file)))];
  const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const seen = new Map<ts.Type, Rule>();

  const ruleOf = (type: ts.Type): Rule => {
    const cached = seen.get(type);
    if (cached) return cached;
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      // `OtherString` is `string & Record<never, never>`: the SDK's escape hatch, not a value Stripe accepts.
      const real = members.filter((t) => !(t.isIntersection() && t.types.some((p) => p.flags & ts.TypeFlags.String)));
      const literals = real.filter((t): t is ts.StringLiteralType => t.isStringLiteral());
      const canBeEmpty = literals.some((t) => t.value === '');
      const values = literals.map((t) => t.value).filter((v) => v !== '');
      const others = real.filter((t) => !t.isStringLiteral() && !(t.flags & ts.TypeFlags.BooleanLiteral));
      const hasBoolean = real.some((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const parts: Rule[] = [
        ...(values.length ? [{ kind: 'enum' as const, values }] : []),
        ...(hasBoolean ? [{ kind: 'boolean' as const }] : []),
        ...others.map(ruleOf),
      ];
      const rule: Rule = parts.length === 1 ? { ...parts[0]! } : { kind: 'union', of: parts };
      if (canBeEmpty) rule.canBeEmpty = true;
      return rule;
    }
    if (type.flags & ts.TypeFlags.StringLiteral)
      return { kind: 'enum', values: [(type as ts.StringLiteralType).value] };
    if (type.flags & ts.TypeFlags.String) return { kind: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { kind: 'number' };
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { kind: 'boolean' };
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: 'any' };
    if (checker.isArrayType(type))
      return { kind: 'array', of: ruleOf(checker.getTypeArguments(type as ts.TypeReference)[0]!) };
    if (type.getStringIndexType()) return { kind: 'map' };
    if (type.flags & ts.TypeFlags.Object) {
      const props = new Map<string, ParamRule>();
      const rule: Rule = { kind: 'object', props };
      seen.set(type, rule);
      for (const symbol of checker.getPropertiesOfType(type))
        props.set(symbol.name, ruleOf(checker.getNonNullableType(checker.getTypeOfSymbol(symbol))));
      return rule;
    }
    return { kind: 'any' };
  };

  const rules = {} as Record<StripeRequestName, Rule>;
  for (const [name, [file, dotted]] of Object.entries(SOURCES) as Array<
    [StripeRequestName, readonly [string, string]]
  >) {
    const source = program.getSourceFile(join(sdkTypes, file));
    const declaration = source && findDeclaration(source, dotted);
    if (!declaration)
      throw new Error(
        `${dotted} is not declared in stripe/cjs/${file}: the SDK changed; update tests/support/stripe-param-rules.ts`,
      );
    rules[name] = ruleOf(checker.getTypeAtLocation(declaration));
  }
  return rules;
}

/** One refusal, shaped like Stripe's: codes from Stripe's error-code list where Stripe sends one, none otherwise. */
export interface ParamProblem {
  code?: 'parameter_unknown' | 'parameter_invalid_integer' | 'parameter_invalid_empty';
  param: string;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first way `value` (parsed from Stripe's form encoding, so every leaf is a string) breaks `rule`, if any. */
export function checkParams(rule: Rule, value: unknown, param = ''): ParamProblem | undefined {
  const name = param || 'request';
  if (value === '' && rule.canBeEmpty) return undefined;
  switch (rule.kind) {
    case 'any':
    case 'map':
      return isObject(value) || rule.kind === 'any' ? undefined : { param, message: `Invalid object` };
    case 'string':
      return typeof value === 'string' ? undefined : { param, message: `Invalid string: ${name}` };
    case 'number':
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return undefined;
      return value === ''
        ? {
            code: 'parameter_invalid_empty',
            param,
            message: `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset.`,
          }
        : { code: 'parameter_invalid_integer', param, message: `Invalid integer: ${String(value)}` };
    case 'boolean':
      return value === 'true' || value === 'false'
        ? undefined
        : { param, message: `Invalid boolean: ${String(value)}` };
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? undefined
        : { param, message: `Invalid ${name}: must be one of ${rule.values.join(', ')}` };
    case 'array': {
      const items = Array.isArray(value)
        ? value
        : isObject(value) && Object.keys(value).every((k) => /^\d+$/.test(k))
          ? Object.values(value)
          : undefined;
      if (!items) return { param, message: `Invalid array` };
      for (const [i, item] of items.entries()) {
        const problem = checkParams(rule.of, item, `${param}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'object': {
      if (!isObject(value)) return { param, message: `Invalid object` };
      for (const [key, child] of Object.entries(value)) {
        const childParam = param ? `${param}[${key}]` : key;
        const childRule = rule.props.get(key);
        if (!childRule)
          return { code: 'parameter_unknown', param: childParam, message: `Received unknown parameter: ${childParam}` };
        const problem = checkParams(childRule, child, childParam);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'union': {
      const problems = rule.of.map((r) => checkParams(r, value, param));
      return problems.some((p) => p === undefined)
        ? undefined
        : (problems.find((p) => p?.code === 'parameter_unknown') ?? problems[0]);
    }
  }
}
