package dev.switchboard.sea;

import dev.switchboard.sea.archiver.ArchiveRecords;
import dev.switchboard.sea.archiver.ArchiveSink;
import dev.switchboard.sea.archiver.ArchivedMessage;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.service.SeaArchive;
import dev.switchboard.sea.service.SeaUser;

import java.time.Instant;

/**
 * Sends one MSG record per delivered message to the archiver client (§13.4). The client queues
 * (bounded, drops counted) and never blocks the roster thread.
 */
final class ArchiverSeaArchive implements SeaArchive {

    private final ArchiveSink client;

    ArchiverSeaArchive(ArchiveSink client) {
        this.client = client;
    }

    @Override
    public void message(SeaUser sender, int destination, SeaBytes text, Instant now) {
        client.offer(ArchiveRecords.msg(new ArchivedMessage(sender.id(), sender.ipText(), destination,
                now.getEpochSecond(), sender.username().latin1(), sender.compname().latin1(), text.latin1())));
    }
}
