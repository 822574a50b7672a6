#pragma once
// The handlers of the route table, by "METHOD PATH" (e.g. "get /v1/jobs/{id}"), one file per
// group of routes.
#include <map>
#include <string>

#include <httplib.h>

namespace prep360::serve {

class Service;
using Handlers = std::map<std::string, httplib::Server::Handler>;

void AddInfoRoutes(Service& service, Handlers& handlers);     // health, info, openapi, models
void AddJobRoutes(Service& service, Handlers& handlers);      // jobs: submit, list, get, cancel, resume
void AddJobFileRoutes(Service& service, Handlers& handlers);  // events, files
void AddOneShotRoutes(Service& service, Handlers& handlers);  // views, detect, mask
void AddRegistryModelRoutes(Service& service, Handlers& handlers);  // ocr, blur

// /v1/detect with a registry face model (model=face, face-front): BlazeFace boxes. False when
// `model` is not one (the warm YOLO models answer).
bool DetectFaces(Service& service, const httplib::Request& req, httplib::Response& res);
void AddUiRoutes(Service& service, Handlers& handlers);       // the web UI: /, /ui/*, /vendor/*
void AddFsRoutes(Service& service, Handlers& handlers);       // the UI's file browser
void AddFrameRoutes(Service& service, Handlers& handlers);    // a video frame as a panorama
void AddRigRoutes(Service& service, Handlers& handlers);      // rig presets, footprints, coverage
void AddMaskPreviewRoutes(Service& service, Handlers& handlers);  // the UI's mask overlays from the sphere

}  // namespace prep360::serve
