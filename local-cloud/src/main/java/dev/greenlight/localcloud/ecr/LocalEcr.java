package dev.greenlight.localcloud.ecr;

import dev.greenlight.localcloud.AwsErrors;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local ECR registry with immutable tags, kept on disk so it survives restarts.
 *
 * <p>Layout: {@code <root>/<repository>/blobs/<hex>.jar} holds each distinct jar once;
 * {@code <root>/<repository>/manifests/<hex>} names an image's jar and baked-in variables, and
 * {@code <root>/<repository>/tags/<tag>} holds the digest the tag points at. A tag file is created
 * with {@code CREATE_NEW}, so two pushes of the same tag cannot both win.
 */
public final class LocalEcr {

    // ECR's documented patterns for repository names and tags.
    private static final Pattern REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,299}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path root;
    private final String registry;
    private final List<Consumer<Image>> pushListeners = new CopyOnWriteArrayList<>();

    /**
     * @param root     where repositories are stored
     * @param registry the registry host in image URIs, e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}
     */
    public LocalEcr(Path root, String registry) {
        this.root = root;
        this.registry = registry;
    }

    /** Creates a repository; fails with RepositoryAlreadyExistsException like CreateRepository. */
    public void createRepository(String name) {
        validateRepositoryName(name);
        try {
            Files.createDirectories(root);
            Files.createDirectory(root.resolve(name.replace('/', '~')));
        } catch (FileAlreadyExistsException e) {
            throw AwsErrors.error(RepositoryAlreadyExistsException.builder(), "ECR", "RepositoryAlreadyExistsException",
                    "The repository with name '" + name + "' already exists in the registry");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the repository exists. */
    public boolean repositoryExists(String name) {
        return Files.isDirectory(repositoryDir(name));
    }

    /**
     * The PutImage equivalent: stores the jar under {@code repository:tag} and notifies push listeners.
     * Pushing an existing tag again fails with ImageTagAlreadyExistsException, as with IMMUTABLE tags.
     * The image's digest is the sha256 of the jar.
     */
    public Image putImage(String repository, String tag, Path jar) {
        return putImage(repository, tag, jar, Map.of());
    }

    /**
     * PutImage of a jar with environment variables baked in (as ENV lines of a Dockerfile would be).
     * With variables, the digest covers the jar's digest and the sorted variables, so the same jar
     * with other variables is another image.
     */
    public Image putImage(String repository, String tag, Path jar, Map<String, String> environment) {
        Path dir = requireRepository(repository);
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw AwsErrors.error(InvalidParameterException.builder(), "ECR", "InvalidParameterException",
                    "Invalid parameter at 'imageTag' failed to satisfy constraint: '" + tag + "'");
        }
        try {
            Files.createDirectories(dir.resolve("blobs"));
            Files.createDirectories(dir.resolve("manifests"));
            Files.createDirectories(dir.resolve("tags"));
            Path staged = Files.createTempFile(dir.resolve("blobs"), "push-", ".tmp");
            String jarHex = copyAndDigest(jar, staged);
            Files.move(staged, dir.resolve("blobs").resolve(jarHex + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            String manifest = manifest(jarHex, environment);
            String hex = environment.isEmpty() ? jarHex
                    : HexFormat.of().formatHex(sha256().digest(manifest.getBytes(StandardCharsets.UTF_8)));
            Files.writeString(dir.resolve("manifests").resolve(hex), manifest, StandardCharsets.UTF_8);
            try {
                Files.writeString(dir.resolve("tags").resolve(tag), "sha256:" + hex, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                throw AwsErrors.error(ImageTagAlreadyExistsException.builder(), "ECR", "ImageTagAlreadyExistsException",
                        "The image tag '" + tag + "' already exists in the '" + repository
                                + "' repository and cannot be overwritten because the repository is immutable.");
            }
            Image image = describe(repository, tag).orElseThrow();
            pushListeners.forEach(listener -> listener.accept(image));
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + jar, e);
        }
    }

    /** The DescribeImages equivalent: every tagged image of the repository, oldest push first. */
    public List<Image> describeImages(String repository) {
        Path tags = requireRepository(repository).resolve("tags");
        if (!Files.isDirectory(tags)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tags)) {
            List<Image> images = new ArrayList<>();
            files.map(file -> file.getFileName().toString())
                    .forEach(tag -> describe(repository, tag).ifPresent(images::add));
            images.sort(java.util.Comparator.comparing(Image::pushedAt).thenComparing(Image::tag));
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DescribeImages with an imageId: the image a tag points at, or ImageNotFoundException. */
    public Image describeImage(String repository, String tag) {
        requireRepository(repository);
        return describe(repository, tag).orElseThrow(() -> AwsErrors.error(ImageNotFoundException.builder(), "ECR",
                "ImageNotFoundException", "The image with imageId {imageTag:'" + tag
                        + "'} does not exist within the repository with name '" + repository + "'"));
    }

    /**
     * Resolves an image URI from a task definition: {@code <registry>/<repo>:<tag>} or
     * {@code <registry>/<repo>@sha256:<hex>} (the registry part is optional).
     */
    public Image resolve(String imageUri) {
        String path = imageUri.startsWith(registry + "/") ? imageUri.substring(registry.length() + 1) : imageUri;
        int at = path.indexOf('@');
        if (at > 0) {
            String repository = path.substring(0, at);
            String digest = path.substring(at + 1);
            return describeImages(repository).stream()
                    .filter(image -> image.digest().equals(digest))
                    .findFirst()
                    .orElseThrow(() -> AwsErrors.error(ImageNotFoundException.builder(), "ECR", "ImageNotFoundException",
                            "The image with imageId {imageDigest:'" + digest + "'} does not exist within the repository with name '"
                                    + repository + "'"));
        }
        int colon = path.lastIndexOf(':');
        if (colon <= 0) {
            return describeImage(path, "latest");
        }
        return describeImage(path.substring(0, colon), path.substring(colon + 1));
    }

    /** The repository's images whose jar is this very file's content (whatever their variables). */
    public List<Image> imagesOfJar(String repository, Path jar) {
        String blob = sha256Hex(jar) + ".jar";
        return describeImages(repository).stream().filter(image -> image.jar().getFileName().toString().equals(blob))
                .toList();
    }

    /** The image URI for a tag, as a task definition would name it. */
    public String imageUri(String repository, String tag) {
        return registry + "/" + repository + ":" + tag;
    }

    /** Called after every successful push (the hook for the "ECR Image Action" event). */
    public void onPush(Consumer<Image> listener) {
        pushListeners.add(listener);
    }

    private Optional<Image> describe(String repository, String tag) {
        Path tagFile = repositoryDir(repository).resolve("tags").resolve(tag);
        if (!TAG.matcher(tag).matches() || !Files.isRegularFile(tagFile)) {
            return Optional.empty();
        }
        try {
            String digest = Files.readString(tagFile).trim();
            String jarHex = null;
            Map<String, String> environment = new TreeMap<>();
            for (String line : Files.readAllLines(repositoryDir(repository).resolve("manifests")
                    .resolve(digest.substring("sha256:".length())))) {
                if (line.startsWith("jar sha256:")) {
                    jarHex = line.substring("jar sha256:".length());
                } else if (line.startsWith("env ")) {
                    int equals = line.indexOf('=');
                    environment.put(line.substring(4, equals), line.substring(equals + 1));
                }
            }
            Path blob = repositoryDir(repository).resolve("blobs").resolve(jarHex + ".jar");
            Instant pushedAt = Files.getLastModifiedTime(tagFile).toInstant();
            return Optional.of(new Image(repository, tag, digest, Files.size(blob), pushedAt, blob,
                    imageUri(repository, tag), environment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The image's configuration: its jar and its variables, one per line, sorted so equal images hash alike.
    private static String manifest(String jarHex, Map<String, String> environment) {
        StringBuilder manifest = new StringBuilder("jar sha256:").append(jarHex).append('\n');
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches() || value == null || value.indexOf('\n') >= 0) {
                throw AwsErrors.error(InvalidParameterException.builder(), "ECR", "InvalidParameterException",
                        "Invalid image environment variable '" + name + "': names are letters, digits and underscores,"
                                + " values a single line");
            }
            manifest.append("env ").append(name).append('=').append(value).append('\n');
        });
        return manifest.toString();
    }

    private Path requireRepository(String name) {
        validateRepositoryName(name);
        Path dir = repositoryDir(name);
        if (!Files.isDirectory(dir)) {
            throw AwsErrors.error(RepositoryNotFoundException.builder(), "ECR", "RepositoryNotFoundException",
                    "The repository with name '" + name + "' does not exist in the registry");
        }
        return dir;
    }

    private Path repositoryDir(String name) {
        return root.resolve(name.replace('/', '~'));
    }

    private static void validateRepositoryName(String name) {
        if (name == null || name.length() < 2 || name.length() > 256 || !REPOSITORY.matcher(name).matches()) {
            throw AwsErrors.error(InvalidParameterException.builder(), "ECR", "InvalidParameterException",
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint: '" + name + "'");
        }
    }

    private String copyAndDigest(Path source, Path target) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String sha256Hex(Path file) {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
