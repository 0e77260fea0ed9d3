package dev.timpani.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's version from its manifest ({@code dev} when run from classes). */
class TimpaniVersion implements IVersionProvider {

    static String version() {
        String version = TimpaniVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"timpani " + version()};
    }
}
