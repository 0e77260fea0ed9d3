package dev.timpani.loaders.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import dev.timpani.model.LoadContext;
import dev.timpani.model.ModelLoadException;
import dev.timpani.model.ModelLoader;
import dev.timpani.model.ScoringModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Loads TorchScript modules ({@code torch.jit.save} output) with DJL's PyTorch engine, on the CPU, offline. */
public final class TorchScriptLoader implements ModelLoader {

    @Override
    public String framework() {
        return "torchscript";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("pt", "torchscript");
    }

    @Override
    public ScoringModel load(Path artifact, LoadContext context) {
        DjlEngines.pyTorch(context.engineThreads());
        Model model = Model.newInstance(artifact.getFileName().toString(), Device.cpu(), DjlEngines.PYTORCH);
        try {
            // Given a file, DJL loads exactly that file whatever its extension.
            model.load(artifact);
            return new TorchScriptModel(model, context);
        } catch (IOException | MalformedModelException | EngineException unreadable) {
            model.close();
            throw new ModelLoadException("Could not load TorchScript model " + artifact.getFileName() + ": "
                    + NativeMessages.firstLine(unreadable.getMessage()), unreadable);
        } catch (RuntimeException failed) {
            model.close();
            throw failed;
        }
    }
}
