/**
 * The JQL subset the fake understands, parsed by a small tokenizer and a recursive-descent parser:
 *
 *   query   := [or] [ORDER BY item (',' item)*]
 *   or      := and (OR and)*
 *   and     := primary (AND primary)*
 *   primary := '(' or ')' | field op value | field IN '(' value (',' value)* ')'
 *   op      := '=' | '!=' | '<' | '<=' | '>' | '>='   (the comparisons: date fields only)
 *   item    := field [ASC | DESC]
 *
 * Fields and values are bare words (letters, digits, `_ - . [ ]`) or quoted strings ('…' or "…",
 * backslash escapes). Keywords are case-insensitive. Anything else is a syntax error, reported
 * in Jira's words ("Error in the JQL Query: …") with the 1-based character position.
 */

/** A comparison operator of the subset. */
export type JqlOperator = '=' | 'in' | '!=' | '<' | '<=' | '>' | '>=';

/** A comparison `field op value` or `field in (values)`; `field` is as written, lower-cased. */
export interface JqlClause {
  readonly kind: 'clause';
  readonly field: string;
  readonly operator: JqlOperator;
  readonly values: readonly string[];
  /** Per value: written in quote marks (a bare number means epoch milliseconds only without them). */
  readonly quoted?: readonly boolean[];
}

/** `AND`/`OR` of two or more sub-expressions. */
export interface JqlJunction {
  readonly kind: 'and' | 'or';
  readonly parts: readonly JqlExpression[];
}

/** A parsed condition. */
export type JqlExpression = JqlClause | JqlJunction;

/** One `ORDER BY` item; `field` lower-cased. */
export interface JqlOrder {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A parsed query: `where` is null when the query has no condition. */
export interface JqlQuery {
  readonly where: JqlExpression | null;
  readonly orderBy: readonly JqlOrder[];
}

/** A JQL error; `message` starts with "Error in the JQL Query:" like Jira's. */
export class JqlError extends Error {}

interface Token {
  readonly type: 'word' | 'string' | '(' | ')' | ',' | '=' | 'compare' | 'end';
  readonly text: string;
  /** 0-based offset into the query. */
  readonly at: number;
}

const BARE_WORD = /[A-Za-z0-9_\-.[\]]/;

function syntaxError(message: string, at: number): JqlError {
  return new JqlError(`Error in the JQL Query: ${message} (line 1, character ${at + 1})`);
}

/** Split `text` into tokens; throws JqlError on a character outside the subset. */
export function tokenizeJql(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const operator = two === '!=' || two === '<=' || two === '>=' ? two : c;
      if (operator === '!') throw syntaxError("The character '!' is not supported by this JQL subset.", i);
      tokens.push({ type: 'compare', text: operator, at: i });
      i += operator.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '=') {
      tokens.push({ type: c, text: c, at: i });
      i += 1;
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i += 1;
      while (i < text.length && text.charAt(i) !== c) {
        if (text.charAt(i) === '\\' && i + 1 < text.length) i += 1;
        value += text.charAt(i);
        i += 1;
      }
      if (i >= text.length) throw syntaxError(`The quoted string starting at character ${start + 1} has not been completed.`, start);
      i += 1;
      tokens.push({ type: 'string', text: value, at: start });
    } else if (BARE_WORD.test(c)) {
      const start = i;
      while (i < text.length && BARE_WORD.test(text.charAt(i))) i += 1;
      tokens.push({ type: 'word', text: text.slice(start, i), at: start });
    } else {
      throw syntaxError(`The character '${c}' is not supported by this JQL subset.`, i);
    }
  }
  tokens.push({ type: 'end', text: '<EOF>', at: text.length });
  return tokens;
}

const RESERVED = new Set(['and', 'or', 'order', 'by', 'in', 'asc', 'desc', 'not', 'is', 'empty', 'null']);

/** Parse `text`; throws JqlError for anything outside the subset. */
export function parseJql(text: string): JqlQuery {
  const tokens = tokenizeJql(text);
  let position = 0;

  const peek = (): Token => tokens[position] ?? { type: 'end', text: '<EOF>', at: text.length };
  const next = (): Token => {
    const token = peek();
    position += 1;
    return token;
  };
  const isKeyword = (token: Token, keyword: string): boolean => token.type === 'word' && token.text.toLowerCase() === keyword;
  const describe = (token: Token): string => (token.type === 'end' ? 'the end of the query' : `'${token.text}'`);

  const readToken = (what: string): Token => {
    const token = next();
    if (token.type === 'string') return token;
    if (token.type === 'word' && !RESERVED.has(token.text.toLowerCase())) return token;
    throw syntaxError(`Expecting ${what} but got ${describe(token)}.`, token.at);
  };
  const readOperand = (what: string): string => readToken(what).text;

  const readClause = (): JqlClause => {
    const field = readOperand('a field name').toLowerCase();
    const operator = next();
    if (operator.type === '=' || operator.type === 'compare') {
      const value = readToken('a value');
      return { kind: 'clause', field, operator: operator.text as JqlOperator, values: [value.text], quoted: [value.type === 'string'] };
    }
    if (isKeyword(operator, 'in')) {
      const open = next();
      if (open.type !== '(') throw syntaxError(`Expecting '(' but got ${describe(open)}.`, open.at);
      const values = [readOperand('a value')];
      while (peek().type === ',') {
        next();
        values.push(readOperand('a value'));
      }
      const close = next();
      if (close.type !== ')') throw syntaxError(`Expecting ')' or ',' but got ${describe(close)}.`, close.at);
      return { kind: 'clause', field, operator: 'in', values };
    }
    throw syntaxError(`Expecting operator '=', '!=', '<', '<=', '>', '>=' or 'in' but got ${describe(operator)}. Other operators are not supported by this JQL subset.`, operator.at);
  };

  const readPrimary = (): JqlExpression => {
    if (peek().type === '(') {
      next();
      const inner = readOr();
      const close = next();
      if (close.type !== ')') throw syntaxError(`Expecting ')' but got ${describe(close)}.`, close.at);
      return inner;
    }
    return readClause();
  };

  const readJunction = (keyword: 'and' | 'or', readPart: () => JqlExpression): JqlExpression => {
    const parts = [readPart()];
    while (isKeyword(peek(), keyword)) {
      next();
      parts.push(readPart());
    }
    return parts.length === 1 && parts[0] ? parts[0] : { kind: keyword, parts };
  };
  const readAnd = (): JqlExpression => readJunction('and', readPrimary);
  const readOr = (): JqlExpression => readJunction('or', readAnd);

  const where = peek().type === 'end' || isKeyword(peek(), 'order') ? null : readOr();
  const orderBy: JqlOrder[] = [];
  if (isKeyword(peek(), 'order')) {
    next();
    const by = next();
    if (!isKeyword(by, 'by')) throw syntaxError(`Expecting 'by' but got ${describe(by)}.`, by.at);
    do {
      if (orderBy.length > 0) next();
      const field = readOperand('a field name').toLowerCase();
      let direction: 'asc' | 'desc' = 'asc';
      if (isKeyword(peek(), 'asc') || isKeyword(peek(), 'desc')) direction = next().text.toLowerCase() === 'desc' ? 'desc' : 'asc';
      orderBy.push({ field, direction });
    } while (peek().type === ',');
  }
  const rest = peek();
  if (rest.type !== 'end') throw syntaxError(`Expecting either 'OR' or 'AND' but got ${describe(rest)}.`, rest.at);
  return { where, orderBy };
}
