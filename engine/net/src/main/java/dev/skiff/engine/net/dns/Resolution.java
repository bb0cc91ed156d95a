package dev.skiff.engine.net.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.List;

/** What the cluster zone makes of one question. */
sealed interface Resolution {

    /**
     * The zone answers the question itself.
     *
     * @param code          NOERROR (with or without answers) or NXDOMAIN
     * @param authoritative true for names in the cluster domain
     * @param answer        records for the answer section
     * @param authority     records for the authority section (the SOA of a negative answer)
     * @param additional    address records of the answer's targets
     */
    record Answer(DnsResponseCode code, boolean authoritative, List<ResourceRecord> answer,
                  List<ResourceRecord> authority, List<ResourceRecord> additional) implements Resolution {
    }

    /** The name is outside the cluster domain: ask the upstream servers and pass their answer on. */
    record Forward() implements Resolution {
        static final Forward INSTANCE = new Forward();
    }

    /**
     * An ExternalName Service's CNAME points outside the cluster domain: send {@code partial} (the
     * CNAME chain) together with what the upstream servers say about {@code target}.
     */
    record ExternalTarget(Answer partial, String target, DnsRecordType type) implements Resolution {
    }
}
