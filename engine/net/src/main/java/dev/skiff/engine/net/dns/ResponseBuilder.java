package dev.skiff.engine.net.dns;

import dev.skiff.engine.net.dns.Resolution.Answer;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.util.List;

/**
 * Turns an {@link Answer} into the Netty response for one query: header flags echoed from the query,
 * owner names spelled as the client spelled the question, and the size kept within what the client
 * accepts (additional records go first, then the answer is replaced by the TC flag, RFC 2181 9).
 */
final class ResponseBuilder {

    private static final int HEADER = 12;

    private ResponseBuilder() {
    }

    static DnsResponse answer(IncomingQuery query, Answer answer) {
        DnsQuestion question = query.question();
        String spelled = question.name();
        String key = DnsNames.key(spelled);
        int size = HEADER + DnsNames.wireLength(spelled) + 4 + (query.opt() != null ? EdnsOption.WIRE_LENGTH : 0);
        int essential = size + length(answer.answer(), key, spelled) + length(answer.authority(), key, spelled);
        int limit = query.sizeLimit();
        boolean truncated = essential > limit;
        boolean withAdditional = !truncated && essential + length(answer.additional(), key, spelled) <= limit;

        DnsResponse response = header(query, answer.code());
        response.setAuthoritativeAnswer(answer.authoritative());
        if (truncated) {
            response.setTruncated(true);
        } else {
            add(response, DnsSection.ANSWER, answer.answer(), key, spelled);
            add(response, DnsSection.AUTHORITY, answer.authority(), key, spelled);
            if (withAdditional) {
                add(response, DnsSection.ADDITIONAL, answer.additional(), key, spelled);
            }
        }
        if (query.opt() != null) {
            response.addRecord(DnsSection.ADDITIONAL, new EdnsOption());
        }
        return response;
    }

    /** A response with no records, e.g. SERVFAIL, FORMERR or NOTIMP. */
    static DnsResponse error(IncomingQuery query, DnsResponseCode code) {
        DnsResponse response = header(query, code);
        if (query.opt() != null) {
            response.addRecord(DnsSection.ADDITIONAL, new EdnsOption());
        }
        return response;
    }

    private static DnsResponse header(IncomingQuery query, DnsResponseCode code) {
        DnsResponse response = query.overUdp()
                ? new DatagramDnsResponse(query.local(), query.client(), query.id(), query.opCode(), code)
                : new DefaultDnsResponse(query.id(), query.opCode(), code);
        response.setRecursionDesired(query.recursionDesired());
        response.setRecursionAvailable(true);
        if (query.question() != null) {
            response.addRecord(DnsSection.QUESTION, query.question());
        }
        return response;
    }

    private static int length(List<ResourceRecord> records, String key, String spelled) {
        int length = 0;
        for (int i = 0, n = records.size(); i < n; i++) {
            ResourceRecord record = records.get(i);
            length += record.wireLength(owner(record, key, spelled));
        }
        return length;
    }

    private static void add(DnsResponse response, DnsSection section, List<ResourceRecord> records,
                            String key, String spelled) {
        for (int i = 0, n = records.size(); i < n; i++) {
            ResourceRecord record = records.get(i);
            response.addRecord(section, record.toNetty(owner(record, key, spelled)));
        }
    }

    /** Records owned by the queried name echo the question's spelling (DNS is case-preserving). */
    private static String owner(ResourceRecord record, String key, String spelled) {
        return record.name().equals(key) ? spelled : record.name();
    }
}
