package dev.greenlight.deploy.hcl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Body;
import dev.greenlight.deploy.hcl.Hcl.Expr;

/** A Terraform module: every {@code .tf} file of one directory, indexed by what each block declares. */
public final class Module {

    private final Path dir;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Block> variables = new LinkedHashMap<>();
    private final Map<String, Block> outputs = new LinkedHashMap<>();
    private final Map<String, Block> moduleCalls = new LinkedHashMap<>();
    private final Map<String, Expr> locals = new LinkedHashMap<>();
    /** Keyed {@code type.name}. */
    private final Map<String, Block> resources = new LinkedHashMap<>();
    /** Keyed {@code type.name}, without the {@code data.} prefix. */
    private final Map<String, Block> data = new LinkedHashMap<>();

    private Module(Path dir) {
        this.dir = dir;
    }

    public static Module load(Path dir) {
        Module module = new Module(dir.toAbsolutePath().normalize());
        for (Path file : tfFiles(dir)) {
            Body body = Hcl.parseFile(file);
            if (!body.attributes().isEmpty()) {
                throw new IllegalStateException(file + " has top-level attributes " + body.attributes().keySet());
            }
            for (Block block : body.blocks()) {
                module.add(block);
            }
        }
        return module;
    }

    /** The {@code .tf} files directly in {@code dir}, sorted. */
    public static List<Path> tfFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    private void add(Block block) {
        blocks.add(block);
        switch (block.type()) {
            case "variable" -> put(variables, block.labels().get(0), block);
            case "output" -> put(outputs, block.labels().get(0), block);
            case "module" -> put(moduleCalls, block.labels().get(0), block);
            case "resource" -> put(resources, block.labels().get(0) + "." + block.labels().get(1), block);
            case "data" -> put(data, block.labels().get(0) + "." + block.labels().get(1), block);
            case "locals" -> block.body().attributes().forEach((name, value) -> {
                if (locals.put(name, value) != null) {
                    throw new IllegalStateException(block.where() + ": local." + name + " declared twice");
                }
            });
            case "terraform", "provider" -> {
            }
            default -> throw new IllegalStateException(block.where() + ": unexpected top-level block " + block.type());
        }
    }

    private static void put(Map<String, Block> map, String key, Block block) {
        if (map.put(key, block) != null) {
            throw new IllegalStateException(block.where() + ": " + key + " declared twice");
        }
    }

    /** The module a {@code module} block calls, from its local {@code source}. */
    public Module child(String name) {
        Block call = moduleCalls.get(name);
        if (call == null) {
            throw new IllegalStateException("no module " + name + " in " + dir);
        }
        String source = ((Hcl.Template) call.body().attribute("source")).literal();
        return load(dir.resolve(source));
    }

    public Path dir() {
        return dir;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Map<String, Block> variables() {
        return variables;
    }

    public Map<String, Block> outputs() {
        return outputs;
    }

    public Map<String, Block> moduleCalls() {
        return moduleCalls;
    }

    public Map<String, Expr> locals() {
        return locals;
    }

    public Map<String, Block> resources() {
        return resources;
    }

    public Map<String, Block> data() {
        return data;
    }

    public Block resource(String type, String name) {
        Block block = resources.get(type + "." + name);
        if (block == null) {
            throw new IllegalStateException("no resource " + type + "." + name + " in " + dir);
        }
        return block;
    }

    public List<Block> resources(String type) {
        return resources.entrySet().stream().filter(e -> e.getKey().startsWith(type + "."))
                .map(Map.Entry::getValue).toList();
    }

    public List<Block> data(String type) {
        return data.entrySet().stream().filter(e -> e.getKey().startsWith(type + "."))
                .map(Map.Entry::getValue).toList();
    }
}
