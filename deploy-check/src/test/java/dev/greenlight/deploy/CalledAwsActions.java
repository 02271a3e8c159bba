package dev.greenlight.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * The AWS API actions a release function (or the operator CLI) can call, found in its bytecode: every method
 * reachable from the function's bean method (or the CLI's entry point) within Greenlight's own code (calls,
 * lambdas and method references), and the AWS SDK client methods those call. A call through an interface of
 * Greenlight's own (such as the gate's {@code GateMetrics}) reaches every class implementing it in the modules the
 * program links against: those holding a class its reachable code calls directly. An implementation in a module the
 * program only meets on a test class path (the functions' CloudWatch reader, for the CLI) is not part of it.
 * A class of Greenlight's own handed to a library to call (the console's HTTP handler) is reached with all its
 * methods once it is constructed. An SDK method {@code putItem} on {@code DynamoDbClient} is the IAM action
 * {@code dynamodb:PutItem}; a paginator is its operation.
 */
final class CalledAwsActions {

    private static final List<String> OWN_CODE = List.of("dev/greenlight/release/", "dev/greenlight/operator/");
    private static final Map<String, String> IAM_PREFIX_BY_CLIENT = Map.of(
            "software/amazon/awssdk/services/ecs/EcsClient", "ecs",
            "software/amazon/awssdk/services/elasticloadbalancingv2/ElasticLoadBalancingV2Client", "elasticloadbalancing",
            "software/amazon/awssdk/services/cloudwatch/CloudWatchClient", "cloudwatch",
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient", "dynamodb",
            "software/amazon/awssdk/services/sfn/SfnClient", "states",
            "software/amazon/awssdk/services/lambda/LambdaClient", "lambda");

    /** SDK operations whose IAM action is named otherwise: Lambda's Invoke API is authorised as InvokeFunction. */
    private static final Map<String, String> IAM_ACTION_BY_OPERATION = Map.of("lambda:Invoke", "lambda:InvokeFunction");

    private record MethodRef(String owner, String name, String descriptor) {
    }

    private final Set<MethodRef> visited = new HashSet<>();
    private final Deque<MethodRef> queue = new ArrayDeque<>();
    private final Set<String> actions = new TreeSet<>();
    /** Where the class files of the code reached so far come from: a module's jar or classes directory. */
    private final Set<String> linkedModules = new HashSet<>();
    /** Interface methods called, whose implementations are reached once their module is linked. */
    private final Set<MethodRef> interfaceCalls = new HashSet<>();

    private CalledAwsActions() {
    }

    /** The IAM actions the method (of any signature) {@code method} of {@code owner} can call. */
    static Set<String> of(Class<?> owner, String method) {
        CalledAwsActions analysis = new CalledAwsActions();
        analysis.queue.add(new MethodRef(owner.getName().replace('.', '/'), method, null));
        do {
            while (!analysis.queue.isEmpty()) {
                analysis.visit(analysis.queue.poll());
            }
            analysis.dispatchInterfaceCalls();
        } while (!analysis.queue.isEmpty());
        return analysis.actions;
    }

    /** Queues each interface call's implementations in the modules linked so far (visited ones are skipped). */
    private void dispatchInterfaceCalls() {
        for (MethodRef call : interfaceCalls) {
            for (String implementation : OwnClasses.implementing(call.owner())) {
                MethodRef target = new MethodRef(implementation, call.name(), call.descriptor());
                if (linkedModules.contains(module(implementation)) && !visited.contains(target)) {
                    queue.add(target);
                }
            }
        }
    }

    private void visit(MethodRef method) {
        if (!visited.add(method)) {
            return;
        }
        // the method is declared by its owner or inherited from a superclass in the release code; one
        // inherited from a JDK or library type (e.g. Record.equals) is not release code
        String owner = method.owner();
        if (ownCode(owner)) {
            linkedModules.add(module(owner));
            if ((read(owner).getAccess() & org.springframework.asm.Opcodes.ACC_INTERFACE) != 0) {
                interfaceCalls.add(method);
            }
        }
        if (method.name().equals("<init>") && ownCode(owner)) {
            handedToLibrary(owner);
        }
        while (owner != null && ownCode(owner)) {
            ClassReader reader = read(owner);
            Finder finder = new Finder(method);
            reader.accept(finder, 0);
            if (finder.found) {
                return;
            }
            owner = reader.getSuperName();
        }
    }

    /**
     * A class of Greenlight's own that extends a library's class or implements a library's interface (an HTTP
     * server's handler, say) is made to be called by that library: constructing one reaches all its methods.
     */
    private void handedToLibrary(String owner) {
        ClassReader reader = read(owner);
        String superName = reader.getSuperName();
        boolean library = superName != null && !ownCode(superName)
                && !List.of("java/lang/Object", "java/lang/Record", "java/lang/Enum").contains(superName)
                || java.util.Arrays.stream(reader.getInterfaces()).anyMatch(i -> !ownCode(i) && !i.startsWith("java/"));
        if (!library) {
            return;
        }
        reader.accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.startsWith("<")) {
                    queue.add(new MethodRef(owner, name, descriptor));
                }
                return null;
            }
        }, 0);
    }

    private final class Finder extends ClassVisitor {
        private final MethodRef wanted;
        boolean found;

        Finder(MethodRef wanted) {
            super(SpringAsmInfo.ASM_VERSION);
            this.wanted = wanted;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (!name.equals(wanted.name()) || wanted.descriptor() != null && !descriptor.equals(wanted.descriptor())) {
                return null;
            }
            found = true;
            return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    called(owner, name, descriptor);
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                    for (Object argument : arguments) {
                        if (argument instanceof Handle handle) {
                            called(handle.getOwner(), handle.getName(), handle.getDesc());
                        }
                    }
                }
            };
        }
    }

    private void called(String owner, String name, String descriptor) {
        String prefix = IAM_PREFIX_BY_CLIENT.get(owner);
        if (prefix != null) {
            // not API operations: closing, describing the client, and the static factories that build one
            if (!List.of("close", "serviceName", "serviceClientConfiguration", "builder", "create").contains(name)) {
                String operation = name.endsWith("Paginator") ? name.substring(0, name.length() - "Paginator".length()) : name;
                String action = prefix + ":" + operation.substring(0, 1).toUpperCase(Locale.ROOT) + operation.substring(1);
                actions.add(IAM_ACTION_BY_OPERATION.getOrDefault(action, action));
            }
        } else if (owner.matches("software/amazon/awssdk/services/[^/]+/\\w+Client")) {
            // a client this analysis has no IAM prefix for: fail the comparison rather than miss its actions
            actions.add("unmapped-client:" + owner + "." + name);
        } else if (ownCode(owner)) {
            queue.add(new MethodRef(owner, name, descriptor));
        }
    }

    private static boolean ownCode(String internalName) {
        return OWN_CODE.stream().anyMatch(internalName::startsWith);
    }

    /** The jar or classes directory the class file of {@code internalName} is loaded from. */
    private static String module(String internalName) {
        URL url = CalledAwsActions.class.getClassLoader().getResource(internalName + ".class");
        if (url == null) {
            throw new IllegalStateException("no class file for " + internalName);
        }
        String location = url.toString();
        return location.substring(0, location.length() - (internalName + ".class").length());
    }

    private static ClassReader read(String internalName) {
        try (InputStream in = CalledAwsActions.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + internalName);
            }
            return new ClassReader(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
