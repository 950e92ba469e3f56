package org.truce.verification;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A party's reply to an incident that names it as alleged perpetrator. */
public record Response(UUID id, UUID incidentId, String party, String response, UUID submittedBy, String submittedByName,
                       OffsetDateTime submittedAt) {}
