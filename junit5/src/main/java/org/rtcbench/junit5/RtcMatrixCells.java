package org.rtcbench.junit5;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.rtcbench.core.peer.PeerType;

/** The cells of an {@link RtcMatrix}: every caller x callee of its kinds, one test each. */
final class RtcMatrixCells implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RtcMatrixCells.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), RtcMatrix.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        RtcMatrix matrix = context.getRequiredTestMethod().getAnnotation(RtcMatrix.class);
        List<PeerType> kinds = new ArrayList<>();
        for (String k : matrix.kinds()) {
            try {
                kinds.add(PeerType.parse(k));
            } catch (IllegalArgumentException e) {
                throw new org.junit.platform.commons.PreconditionViolationException("@RtcMatrix(kinds) on "
                        + context.getRequiredTestMethod().getName() + ": " + e.getMessage());
            }
        }
        List<TestTemplateInvocationContext> cells = new ArrayList<>();
        for (PeerType caller : kinds) {
            for (PeerType callee : kinds) {
                cells.add(cell(caller, callee));
            }
        }
        return cells.stream();
    }

    private static TestTemplateInvocationContext cell(PeerType caller, PeerType callee) {
        String callerName = caller.nameStem() + (caller.equals(callee) ? "-1" : "");
        String calleeName = callee.nameStem() + (caller.equals(callee) ? "-2" : "");
        List<Peer> peers = List.of(new Peer(callerName, caller), new Peer(calleeName, callee));
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return caller.id() + " → " + callee.id();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new CellPeers(peers));
            }
        };
    }

    /** Puts the cell's peers where {@link RtcExtension} finds them, and resolves the method's plain Peer parameters to them. */
    private record CellPeers(List<Peer> peers) implements ParameterResolver, org.junit.jupiter.api.extension.BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NAMESPACE).put("peers", peers);
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
            return p.getParameter().getType() == Peer.class && !p.isAnnotated(RtcPeer.class);
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext context) {
            int index = 0;
            for (int i = 0; i < p.getIndex(); i++) {
                java.lang.reflect.Parameter q = p.getDeclaringExecutable().getParameters()[i];
                if (q.getType() == Peer.class && !q.isAnnotationPresent(RtcPeer.class)) {
                    index++;
                }
            }
            if (index >= peers.size()) {
                throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                        "an @RtcMatrix cell has two peers, caller and callee: a third Peer parameter needs @RtcPeer");
            }
            return peers.get(index);
        }
    }

    /** The cell's peers, or none outside a matrix. */
    @SuppressWarnings("unchecked")
    static List<Peer> cellPeers(ExtensionContext context) {
        List<Peer> peers = context.getStore(NAMESPACE).get("peers", List.class);
        return peers == null ? List.of() : peers;
    }

    /** {@code -chrome-java} in a cell, nothing outside one: a run name per cell. */
    static String cellSuffix(ExtensionContext context) {
        List<Peer> peers = cellPeers(context);
        return peers.isEmpty() ? "" : "-" + peers.get(0).type().nameStem() + "-" + peers.get(1).type().nameStem();
    }
}
