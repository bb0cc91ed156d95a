package dev.skiff.engine.api.select;

import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The query-string grammar of label selectors ({@code ?labelSelector=}), parsed with the same tokens, the same
 * look-ahead and the same error messages as {@code labels.Parse}:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 * </pre>
 */
final class LabelSelectorParser {

    private enum TokenType {
        ERROR, END, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, GREATER_THAN, IDENTIFIER, IN,
        LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR
    }

    private record Token(TokenType type, String literal) {
    }

    /** Whether "in" and "notin" are keywords (after a key) or plain identifiers (keys and values). */
    private enum Context {
        KEY_AND_OPERATOR, VALUES
    }

    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
            Map.entry(")", TokenType.CLOSED_PAR),
            Map.entry(",", TokenType.COMMA),
            Map.entry("!", TokenType.DOES_NOT_EXIST),
            Map.entry("==", TokenType.DOUBLE_EQUALS),
            Map.entry("=", TokenType.EQUALS),
            Map.entry(">", TokenType.GREATER_THAN),
            Map.entry("in", TokenType.IN),
            Map.entry("<", TokenType.LESS_THAN),
            Map.entry("!=", TokenType.NOT_EQUALS),
            Map.entry("notin", TokenType.NOT_IN),
            Map.entry("(", TokenType.OPEN_PAR));

    /** Thrown inside one requirement; {@link #parse} prefixes it with "unable to parse requirement: ". */
    private static final class RequirementError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RequirementError(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(String input) {
        this.tokens = scan(input);
    }

    /** Parses a selector string into its requirements, sorted by key as Kubernetes sorts them. */
    static List<Requirement> parse(String input) {
        List<Requirement> requirements = new LabelSelectorParser(input).requirements();
        requirements.sort(Comparator.comparing(Requirement::key));
        return requirements;
    }

    private List<Requirement> requirements() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token next = lookahead(Context.VALUES);
            switch (next.type()) {
                case IDENTIFIER, DOES_NOT_EXIST -> {
                    try {
                        requirements.add(requirement());
                    } catch (RequirementError | SelectorException e) {
                        throw new SelectorException("unable to parse requirement: " + e.getMessage());
                    }
                    Token after = consume(Context.VALUES);
                    switch (after.type()) {
                        case END -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Token following = lookahead(Context.VALUES);
                            if (following.type() != TokenType.IDENTIFIER
                                    && following.type() != TokenType.DOES_NOT_EXIST) {
                                throw new SelectorException("found '" + following.literal()
                                        + "', expected: identifier after ','");
                            }
                        }
                        default -> throw new SelectorException("found '" + after.literal()
                                + "', expected: ',' or 'end of string'");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw new SelectorException("found '" + next.literal()
                        + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement requirement() {
        Token keyToken = consume(Context.VALUES);
        Operator operator = null;
        if (keyToken.type() == TokenType.DOES_NOT_EXIST) {
            operator = Operator.DOES_NOT_EXIST;
            keyToken = consume(Context.VALUES);
        }
        if (keyToken.type() != TokenType.IDENTIFIER) {
            throw new RequirementError("found '" + keyToken.literal() + "', expected: identifier");
        }
        String key = keyToken.literal();
        List<String> keyProblems = Formats.qualifiedName(key);
        if (!keyProblems.isEmpty()) {
            // The parser validates the key with a nil field path, which Kubernetes prints as "<nil>".
            throw new RequirementError(Requirement.invalid("<nil>", GoQuote.quote(key),
                    String.join("; ", keyProblems)));
        }
        TokenType following = lookahead(Context.VALUES).type();
        if ((following == TokenType.END || following == TokenType.COMMA) && operator == null) {
            operator = Operator.EXISTS;
        }
        if (operator != null) {
            return Requirement.validated(key, operator, List.of(), "key");
        }
        operator = binaryOperator();
        List<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? valueSet() : exactValue();
        return Requirement.validated(key, operator, values, "key");
    }

    private Operator binaryOperator() {
        Token token = consume(Context.KEY_AND_OPERATOR);
        return switch (token.type()) {
            case IN -> Operator.IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            case NOT_IN -> Operator.NOT_IN;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            default -> throw new RequirementError("found '" + token.literal()
                    + "', expected: in, notin, =, ==, !=, gt, lt");
        };
    }

    /** {@code (a,b,c)}: sorted and without duplicates; empty entries stand for the empty value. */
    private List<String> valueSet() {
        Token open = consume(Context.VALUES);
        if (open.type() != TokenType.OPEN_PAR) {
            throw new RequirementError("found '" + open.literal() + "' expected: '('");
        }
        Token first = lookahead(Context.VALUES);
        switch (first.type()) {
            case IDENTIFIER, COMMA -> {
                TreeSet<String> values = identifierList();
                if (consume(Context.VALUES).type() != TokenType.CLOSED_PAR) {
                    throw new RequirementError("found '" + first.literal() + "', expected: ')'");
                }
                return List.copyOf(values);
            }
            case CLOSED_PAR -> {
                consume(Context.VALUES);
                return List.of("");
            }
            default -> throw new RequirementError("found '" + first.literal()
                    + "', expected: ',', ')' or identifier");
        }
    }

    private TreeSet<String> identifierList() {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Token token = consume(Context.VALUES);
            switch (token.type()) {
                case IDENTIFIER -> {
                    values.add(token.literal());
                    Token next = lookahead(Context.VALUES);
                    switch (next.type()) {
                        case COMMA -> {
                        }
                        case CLOSED_PAR -> {
                            return values;
                        }
                        default -> throw new RequirementError("found '" + next.literal()
                                + "', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    TokenType next = lookahead(Context.VALUES).type();
                    if (next == TokenType.CLOSED_PAR) {
                        values.add("");
                        return values;
                    }
                    if (next == TokenType.COMMA) {
                        values.add("");
                    }
                }
                default -> throw new RequirementError("found '" + token.literal()
                        + "', expected: ',', or identifier");
            }
        }
    }

    private List<String> exactValue() {
        TokenType next = lookahead(Context.VALUES).type();
        if (next == TokenType.END || next == TokenType.COMMA) {
            return List.of("");
        }
        Token token = consume(Context.VALUES);
        if (token.type() == TokenType.IDENTIFIER) {
            return List.of(token.literal());
        }
        throw new RequirementError("found '" + token.literal() + "', expected: identifier");
    }

    private Token lookahead(Context context) {
        return inContext(tokens.get(Math.min(position, tokens.size() - 1)), context);
    }

    private Token consume(Context context) {
        Token token = lookahead(context);
        position++;
        return token;
    }

    private static Token inContext(Token token, Context context) {
        if (context == Context.VALUES && (token.type() == TokenType.IN || token.type() == TokenType.NOT_IN)) {
            return new Token(TokenType.IDENTIFIER, token.literal());
        }
        return token;
    }

    private static List<Token> scan(String input) {
        List<Token> tokens = new ArrayList<>();
        int pos = 0;
        int length = input.length();
        while (true) {
            while (pos < length && isWhitespace(input.charAt(pos))) {
                pos++;
            }
            if (pos >= length) {
                tokens.add(new Token(TokenType.END, ""));
                return tokens;
            }
            if (isSpecialSymbol(input.charAt(pos))) {
                // The longest run of symbols that still spells an operator: "!=" but "!" then "(" in "!(".
                StringBuilder buffer = new StringBuilder();
                Token last = null;
                while (pos < length && isSpecialSymbol(input.charAt(pos))) {
                    buffer.append(input.charAt(pos));
                    TokenType type = KEYWORDS.get(buffer.toString());
                    if (type != null) {
                        last = new Token(type, buffer.toString());
                    } else if (last != null) {
                        break;
                    }
                    pos++;
                }
                tokens.add(last != null ? last
                        : new Token(TokenType.ERROR, "error expected: keyword found '" + buffer + "'"));
            } else {
                int start = pos;
                while (pos < length && !isSpecialSymbol(input.charAt(pos)) && !isWhitespace(input.charAt(pos))) {
                    pos++;
                }
                String word = input.substring(start, pos);
                tokens.add(new Token(KEYWORDS.getOrDefault(word, TokenType.IDENTIFIER), word));
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecialSymbol(char c) {
        return switch (c) {
            case '=', '!', '(', ')', ',', '>', '<' -> true;
            default -> false;
        };
    }
}
