package org.rtcbench.junit5;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.rtcbench.core.peer.PeerType;

/**
 * Resolves an {@link RtcTest} method's {@link RtcPeer} peers and its {@link RtcRun}: one run per
 * test (per matrix cell), named after the test, whose run directory is published as the test's
 * report entry {@code rtcbench.run}.
 */
public final class RtcExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RtcExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == RtcRun.class || type == Peer.class && p.isAnnotated(RtcPeer.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        RtcRun run = run(context);
        if (p.getParameter().getType() == RtcRun.class) {
            return run;
        }
        return run.peers().get(peerIndex(context.getRequiredTestMethod(), p.getIndex()));
    }

    /** The test's run, made on first use: its peers from the method's peer parameters, the cell's first. */
    static RtcRun run(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("run", k -> newRun(context), RtcRun.class);
    }

    private static RtcRun newRun(ExtensionContext context) {
        RtcTest config = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RtcTest.class)
                .orElseThrow(() -> new ParameterResolutionException(context.getRequiredTestClass().getName()
                        + " takes rtcbench parameters but is not annotated @RtcTest"));
        List<Peer> peers = new ArrayList<>(RtcMatrixCells.cellPeers(context));
        Map<String, Integer> kinds = new HashMap<>();
        List<PeerType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Parameter p : context.getRequiredTestMethod().getParameters()) {
            RtcPeer a = p.getAnnotation(RtcPeer.class);
            if (a != null) {
                PeerType type;
                try {
                    type = PeerType.parse(a.kind());
                } catch (IllegalArgumentException e) {
                    throw new ParameterResolutionException("@RtcPeer(kind = \"" + a.kind() + "\") on " + context.getRequiredTestMethod().getName()
                            + ": " + e.getMessage());
                }
                types.add(type);
                names.add(a.name());
                kinds.merge(type.nameStem(), 1, Integer::sum);
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            String stem = types.get(i).nameStem();
            String name = !names.get(i).isEmpty() ? names.get(i)
                    : kinds.get(stem) > 1 ? stem + "-" + seen.merge(stem, 1, Integer::sum) : stem;
            peers.add(new Peer(name, types.get(i)));
        }
        String testName = (context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                + RtcMatrixCells.cellSuffix(context)).replaceAll("[^A-Za-z0-9_.-]+", "-");
        return new RtcRun(testName, peers, config, dir -> context.publishReportEntry("rtcbench.run", dir.toString()));
    }

    /** Which of the run's peers a parameter is: the cell's peers first, then the @RtcPeer ones in order. */
    private static int peerIndex(Method method, int parameterIndex) {
        int index = 0;
        Parameter[] all = method.getParameters();
        for (int i = 0; i < parameterIndex; i++) {
            if (all[i].getType() == Peer.class) {
                index++;
            }
        }
        return index;
    }
}
