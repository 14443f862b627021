package dev.switchboard.sea;

import dev.switchboard.sea.archiver.ArchiveRecords;
import dev.switchboard.sea.archiver.ArchiveText;
import dev.switchboard.sea.archiver.ArchivedMessage;
import dev.switchboard.sea.archiver.ArchiveSink;
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
    public void message(SeaUser sender, int destination, byte[] text, Instant now) {
        client.offer(ArchiveRecords.msg(new ArchivedMessage(sender.id(), sender.ipText(), destination,
                now.getEpochSecond(), ArchiveText.latin1(sender.username()), ArchiveText.latin1(sender.compname()),
                ArchiveText.latin1(text))));
    }
}
